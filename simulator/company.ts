// The fake company that every scenario reads: 36 invented employees with
// work, employment and lifecycle history tables, or any other number for
// scale tests. The data comes from a fixed seed, so every run produces the
// same people and dates. The future hires are the exception, because their
// dates are placed relative to the simulator's start so that their start
// dates stay in the future.
import type { LifecycleStatus } from "./scenarios";
import { addDays, type IsoDate } from "./dates";

export type WorkRow = {
  id: number;
  effectiveDate: IsoDate;
  /** List item id in the "title" list. */
  title: string;
  /** List item id in the "department" list. */
  department: string;
  site: string;
  siteId: number;
  reportsToId: string | null;
  reason: string;
};

export type EmploymentRow = {
  id: number;
  effectiveDate: IsoDate;
  /** List item id in the "contract" list. */
  contract: string;
  /** List item id in the "employmentType" list. */
  type: string;
  /** Full-time equivalent in percent. */
  fte: number;
  weeklyHours: number;
  salaryPayType: "Salaried" | "Hourly";
  reason: string;
};

export type LifecycleRow = {
  id: number;
  effectiveDate: IsoDate;
  status: LifecycleStatus;
  reasonType: string;
};

export type Employee = {
  id: string;
  email: string;
  firstName: string;
  surname: string;
  displayName: string;
  fullName: string;
  /** ISO 8601 timestamp of the record's creation, before the start date. */
  creationDateTime: string;
  employeeIdInCompany: number;
  workPhone: string;
  workMobile: string;
  birthDate: IsoDate;
  pronouns: string;
  honorific: string;
  /** List item ids in the "nationality" list. */
  nationality: string[];
  privateEmail: string;
  privatePhone: string;
  mobilePhone: string;
  ssn: string;
  passportNumber: string;
  identificationNumber: string;
  about: string;
  /** List item ids in the "hobbies" list. */
  hobbies: string[];
  city: string;
  country: string;
  terminationDate: IsoDate | null;
  /** List item id in the "terminationReason" list, or null for active employees. */
  terminationReason: string | null;
  /** Rows sorted by effective date, oldest first. */
  work: WorkRow[];
  employment: EmploymentRow[];
  lifecycle: LifecycleRow[];
};

export type NamedList = {
  id: string;
  name: string;
  items: { id: string; name: string }[];
};

export type Company = {
  id: number;
  name: string;
  emailDomain: string;
  employees: Employee[];
  lists: Record<string, NamedList>;
};

export const COMPANY_ID = 638201;
export const COMPANY_NAME = "Northwind Labs";
export const EMAIL_DOMAIN = "northwind-labs.example";
const PRIVATE_EMAIL_DOMAIN = "inbox.example";
const SEED = 20_240_611;

/**
 * Dates the generated history stays within. Active employees' changes end by
 * HISTORY_END, so they are in the past whenever the simulator runs after it.
 */
const HISTORY_END: IsoDate = "2025-06-30";

type DepartmentSpec = {
  name: string;
  headTitle: string;
  /** Entry title, then the title after a promotion. */
  titles: [string, string];
};

const LEADERSHIP: DepartmentSpec = {
  name: "Leadership",
  headTitle: "Chief Executive Officer",
  titles: ["Chief of Staff", "Chief Operating Officer"],
};

/** The departments below leadership, in the order of their heads (employees 1 to 7). */
const DEPARTMENTS: DepartmentSpec[] = [
  {
    name: "Engineering",
    headTitle: "VP Engineering",
    titles: ["Software Engineer", "Senior Software Engineer"],
  },
  {
    name: "Product",
    headTitle: "Head of Product",
    titles: ["Product Manager", "Senior Product Manager"],
  },
  {
    name: "Sales",
    headTitle: "Head of Sales",
    titles: ["Account Executive", "Senior Account Executive"],
  },
  {
    name: "Marketing",
    headTitle: "Head of Marketing",
    titles: ["Marketing Specialist", "Marketing Lead"],
  },
  {
    name: "Customer Success",
    headTitle: "Head of Customer Success",
    titles: ["Customer Success Manager", "Senior Customer Success Manager"],
  },
  {
    name: "Finance",
    headTitle: "Finance Director",
    titles: ["Financial Analyst", "Senior Financial Analyst"],
  },
  {
    name: "People",
    headTitle: "Head of People",
    titles: ["People Partner", "Senior People Partner"],
  },
];

type SiteSpec = {
  name: string;
  id: number;
  country: string;
  /**
   * Landline and mobile number ranges that telecom regulators reserve for
   * fiction: a prefix plus the number of digits that follow it.
   */
  landline: { prefix: string; digits: number };
  mobile: { prefix: string; digits: number };
};

const SITES: SiteSpec[] = [
  {
    name: "London",
    id: 201334,
    country: "United Kingdom",
    landline: { prefix: "+44 20 7946 0", digits: 3 },
    mobile: { prefix: "+44 7700 900", digits: 3 },
  },
  {
    name: "Berlin",
    id: 201335,
    country: "Germany",
    landline: { prefix: "+49 30 23125 ", digits: 3 },
    mobile: { prefix: "+49 30 23125 9", digits: 2 },
  },
  {
    name: "New York",
    id: 201336,
    country: "United States",
    landline: { prefix: "+1 212 555 01", digits: 2 },
    mobile: { prefix: "+1 646 555 01", digits: 2 },
  },
];

/**
 * Formats the number'th phone number of a range. Numbers wrap at 100, so
 * large companies reuse numbers but stay inside the reserved range.
 */
function phoneNumber(range: { prefix: string; digits: number }, number: number): string {
  return `${range.prefix}${String(number % 100).padStart(range.digits, "0")}`;
}

type PersonSpec = { firstName: string; surname: string; pronouns: "f" | "m" | "x" };

/** Invented names. Index 0 is the CEO and 1 to 7 head the departments above. */
const PEOPLE: PersonSpec[] = [
  { firstName: "Maren", surname: "Holloway", pronouns: "f" },
  { firstName: "Tobias", surname: "Quenell", pronouns: "m" },
  { firstName: "Priya", surname: "Vantakeri", pronouns: "f" },
  { firstName: "Jonah", surname: "Marlowe-Fisk", pronouns: "m" },
  { firstName: "Ines", surname: "Calderwood", pronouns: "f" },
  { firstName: "Rafael", surname: "Oyelaran", pronouns: "m" },
  { firstName: "Sunniva", surname: "Brackett", pronouns: "f" },
  { firstName: "Dmitri", surname: "Halvorsen-Pike", pronouns: "m" },
  { firstName: "Amara", surname: "Threlkeld", pronouns: "f" },
  { firstName: "Callum", surname: "Verhoeven", pronouns: "m" },
  { firstName: "Noor", surname: "Eskildsen", pronouns: "x" },
  { firstName: "Felix", surname: "Ambrosetti", pronouns: "m" },
  { firstName: "Hana", surname: "Wrexley", pronouns: "f" },
  { firstName: "Mateo", surname: "Lindqvist-Rowe", pronouns: "m" },
  { firstName: "Zainab", surname: "Corrigan", pronouns: "f" },
  { firstName: "Oskar", surname: "Pemberton-Hale", pronouns: "m" },
  { firstName: "Leilani", surname: "Fairbairn", pronouns: "f" },
  { firstName: "Arjun", surname: "Kestrelson", pronouns: "m" },
  { firstName: "Beatriz", surname: "Ollerenshaw", pronouns: "f" },
  { firstName: "Theo", surname: "Ravensworth", pronouns: "x" },
  { firstName: "Yuki", surname: "Abernethy", pronouns: "f" },
  { firstName: "Samir", surname: "Delacroix-Hunt", pronouns: "m" },
  { firstName: "Clara", surname: "Whitcombe", pronouns: "f" },
  { firstName: "Nikolai", surname: "Tennant-Grey", pronouns: "m" },
  { firstName: "Ayasha", surname: "Morrow", pronouns: "f" },
  { firstName: "Emil", surname: "Stroud", pronouns: "m" },
  { firstName: "Fenella", surname: "Okonkwo-Baird", pronouns: "f" },
  { firstName: "Gideon", surname: "Prasetyo", pronouns: "m" },
  { firstName: "Ottilie", surname: "Marchetti", pronouns: "f" },
  { firstName: "Kwame", surname: "Ashdown", pronouns: "m" },
  { firstName: "Lucía", surname: "Brennand", pronouns: "f" },
  { firstName: "Ravi", surname: "Castellane", pronouns: "m" },
  { firstName: "Elodie", surname: "Farquharson", pronouns: "f" },
  { firstName: "Bram", surname: "Nakashima", pronouns: "m" },
  { firstName: "Signe", surname: "Calloway", pronouns: "f" },
  { firstName: "Idris", surname: "Penhaligon", pronouns: "m" },
];

/** Employees who left the company. */
const TERMINATED_INDEXES = new Set([9, 14, 19, 23, 28, 31]);
/** Employees hired with a start date in the future (created last). */
const HIRED_INDEXES = new Set([32, 33, 34, 35]);

const NATIONALITIES = [
  "British",
  "German",
  "American",
  "Irish",
  "Portuguese",
  "Indian",
  "Polish",
  "Nigerian",
];
const HOBBIES = [
  "Climbing",
  "Chess",
  "Cooking",
  "Cycling",
  "Photography",
  "Running",
  "Gardening",
  "Board games",
  "Painting",
  "Sailing",
];
const TERMINATION_REASONS = ["Resignation", "End of contract", "Redundancy", "Dismissal"];
const LEAVE_REASONS = ["Parental leave", "Sabbatical", "Medical leave"];
const ABOUT_TEXTS = [
  "Joined to build things customers love. Happiest when a hard problem finally clicks.",
  "Likes clear plans, short meetings and long walks.",
  "Previously worked in consulting. Ask me about spreadsheets.",
  "Enjoys mentoring new joiners and organising the quarterly off-site.",
  "Believes every process can be one step shorter.",
];

/** Employees in the default company: one per entry of PEOPLE. */
export const DEFAULT_EMPLOYEE_COUNT = PEOPLE.length;
/** Upper bound of `employeeCount`, which keeps the simulator's memory use bounded. */
export const MAX_EMPLOYEE_COUNT = 100_000;

export type CompanyOptions = {
  /**
   * Number of employees, from 1 to MAX_EMPLOYEE_COUNT. Default 36. The first
   * 36 are always the same people. Fewer keeps the first ones, and more adds
   * generated employees with the same mix of statuses and histories.
   */
  employeeCount?: number;
};

/** Builds the company. `today` places the future hires' dates. */
export function createCompany(today: IsoDate, options: CompanyOptions = {}): Company {
  const employeeCount = options.employeeCount ?? DEFAULT_EMPLOYEE_COUNT;
  if (
    !Number.isInteger(employeeCount) ||
    employeeCount < 1 ||
    employeeCount > MAX_EMPLOYEE_COUNT
  ) {
    throw new RangeError(
      `Invalid employeeCount ${employeeCount}: expected an integer from 1 to ${MAX_EMPLOYEE_COUNT}.`,
    );
  }

  const random = createRandom(SEED);
  const lists = createNamedLists();
  const nextRowId = createCounter(40_233_100);
  const employeeIds = createEmployeeIds(random, PEOPLE.length);
  const headIds = employeeIds.slice(0, DEPARTMENTS.length + 1);
  const firstHiredIndex = Math.min(...HIRED_INDEXES);

  // The named employees always come first and draw from the seeded generator
  // in the same order, so their data does not depend on employeeCount.
  const employees = PEOPLE.map((person, index) =>
    createEmployee({
      person,
      index,
      id: employeeIds[index] ?? "",
      status: namedEmployeeStatus(index),
      hiredRank: index - firstHiredIndex,
      headIds,
      lists,
      random,
      nextRowId,
      today,
    }),
  );
  employees.push(
    ...createGeneratedEmployees({
      count: employeeCount - PEOPLE.length,
      takenIds: new Set(employeeIds),
      takenEmails: new Set(employees.map((employee) => employee.email)),
      headIds,
      lists,
      nextRowId,
      today,
    }),
  );

  return {
    id: COMPANY_ID,
    name: COMPANY_NAME,
    emailDomain: EMAIL_DOMAIN,
    employees: employees.slice(0, employeeCount),
    lists,
  };
}

function namedEmployeeStatus(index: number): LifecycleStatus {
  if (HIRED_INDEXES.has(index)) {
    return "hired";
  }
  return TERMINATED_INDEXES.has(index) ? "terminated" : "employed";
}

/**
 * Status of the generated employee at `index` (36 and above): one in six
 * terminated and one in nine a future hire, as in the named employees.
 */
function generatedEmployeeStatus(index: number): LifecycleStatus {
  const position = index - PEOPLE.length;
  if (position % 6 === 3) {
    return "terminated";
  }
  return position % 9 === 7 ? "hired" : "employed";
}

/** Future hires' start dates repeat after this many ranks, so they stay within a year. */
const GENERATED_HIRED_RANKS = 12;

/**
 * Creates employees beyond the named 36. Names combine a first name with
 * another person's surname. They draw from their own seeded generator, so
 * they never change the named employees.
 */
function createGeneratedEmployees(input: {
  count: number;
  takenIds: Set<string>;
  takenEmails: Set<string>;
  headIds: string[];
  lists: Record<string, NamedList>;
  nextRowId: () => number;
  today: IsoDate;
}): Employee[] {
  const random = createRandom(SEED + 1);
  const employees: Employee[] = [];
  let hiredCount = 0;
  for (let offset = 0; offset < input.count; offset += 1) {
    const index = PEOPLE.length + offset;
    const first = PEOPLE[offset % PEOPLE.length]!;
    // A surname offset from 1 to 35 never pairs a first name with its own surname.
    const surnameShift = 1 + (Math.floor(offset / PEOPLE.length) % (PEOPLE.length - 1));
    const second = PEOPLE[(offset + surnameShift) % PEOPLE.length]!;
    const person: PersonSpec = { ...first, surname: second.surname };

    let id: string;
    do {
      id = `3${digits(random, 18)}`;
    } while (input.takenIds.has(id));
    input.takenIds.add(id);

    const status = generatedEmployeeStatus(index);
    const hiredRank = status === "hired" ? hiredCount % GENERATED_HIRED_RANKS : 0;
    if (status === "hired") {
      hiredCount += 1;
    }

    const employee = createEmployee({
      person,
      index,
      id,
      status,
      hiredRank,
      headIds: input.headIds,
      lists: input.lists,
      random,
      nextRowId: input.nextRowId,
      today: input.today,
      takenEmails: input.takenEmails,
    });
    employees.push(employee);
  }
  return employees;
}

type EmployeeInput = {
  person: PersonSpec;
  index: number;
  id: string;
  status: LifecycleStatus;
  /** Position among the future hires, which spaces out their dates. */
  hiredRank: number;
  /** Ids of the CEO (first) and the department heads. */
  headIds: string[];
  lists: Record<string, NamedList>;
  random: Random;
  nextRowId: () => number;
  today: IsoDate;
  /**
   * Email addresses already in use. When given, a taken address gets a
   * number appended and the new address is added to the set.
   */
  takenEmails?: Set<string>;
};

function createEmployee(input: EmployeeInput): Employee {
  const { person, index, random, lists, status } = input;

  const dates = createKeyDates(input, status);
  const site = SITES[index % SITES.length] ?? SITES[0]!;
  const localPart = uniqueLocalPart(emailLocalPart(person), input.takenEmails);

  // Everyone was at least 18 at their start date (2016 or later, the CEO 2015).
  const birthDate =
    index === 0
      ? random.date("1964-01-01", "1978-12-31")
      : random.date("1964-01-01", "1997-12-31");
  const nationality = pick(random, NATIONALITIES);
  const hobbyCount = 1 + random.integer(0, 2);
  const hobbies = new Set<string>();
  for (let count = 0; count < hobbyCount; count += 1) {
    hobbies.add(pick(random, HOBBIES));
  }
  const terminationReason =
    status === "terminated" ? pick(random, TERMINATION_REASONS) : undefined;

  return {
    id: input.id,
    email: `${localPart}@${EMAIL_DOMAIN}`,
    firstName: person.firstName,
    surname: person.surname,
    displayName: `${person.firstName} ${person.surname}`,
    fullName: `${person.firstName} ${person.surname}`,
    creationDateTime: dates.creationDateTime,
    employeeIdInCompany: 1001 + index,
    workPhone: phoneNumber(site.landline, index),
    workMobile: phoneNumber(site.mobile, index),
    birthDate,
    pronouns: { f: "she/her", m: "he/him", x: "they/them" }[person.pronouns],
    honorific: { f: "Ms", m: "Mr", x: "Mx" }[person.pronouns],
    nationality: [listItemId(lists, "nationality", nationality)],
    privateEmail: `${localPart.replace(".", "")}${random.integer(10, 99)}@${PRIVATE_EMAIL_DOMAIN}`,
    privatePhone: phoneNumber(site.landline, 40 + index),
    mobilePhone: phoneNumber(site.mobile, 50 + index),
    // Social security numbers with area 9xx are never issued.
    ssn: `9${digits(random, 2)}-${digits(random, 2)}-${digits(random, 4)}`,
    passportNumber: `P${digits(random, 8)}`,
    identificationNumber: `NW-${digits(random, 9)}`,
    about: pick(random, ABOUT_TEXTS),
    hobbies: [...hobbies].map((hobby) => listItemId(lists, "hobbies", hobby)),
    city: site.name,
    country: site.country,
    terminationDate: status === "terminated" ? dates.end : null,
    terminationReason: terminationReason
      ? listItemId(lists, "terminationReason", terminationReason)
      : null,
    work: createWorkRows(input, site, dates),
    employment: createEmploymentRows(input, dates),
    lifecycle: createLifecycleRows(input, status, dates, terminationReason),
  };
}

type KeyDates = {
  creationDateTime: string;
  start: IsoDate;
  /** Termination date, or the end of generated history for active employees. */
  end: IsoDate;
};

function createKeyDates(input: EmployeeInput, status: LifecycleStatus): KeyDates {
  const { random, index, today, hiredRank } = input;

  if (status === "hired") {
    const created = addDays(today, -(6 + 5 * hiredRank));
    const start = addDays(today, 12 + 16 * hiredRank);
    return { creationDateTime: timestamp(random, created), start, end: start };
  }

  const start =
    index === 0
      ? "2015-03-02"
      : status === "terminated"
        ? random.date("2016-01-04", "2021-06-30")
        : random.date("2016-01-04", "2023-06-30");
  const end =
    status === "terminated"
      ? random.date(maxDate(addDays(start, 400), "2023-01-09"), "2025-03-31")
      : HISTORY_END;
  const created = addDays(start, -random.integer(14, 60));
  return { creationDateTime: timestamp(random, created), start, end };
}

function createWorkRows(
  input: EmployeeInput,
  site: SiteSpec,
  dates: KeyDates,
): WorkRow[] {
  const { index, lists, random, nextRowId, headIds } = input;
  const departmentIndex = index === 0 ? -1 : (index - 1) % DEPARTMENTS.length;
  const department = DEPARTMENTS[departmentIndex] ?? LEADERSHIP;
  const isHead = index >= 1 && index <= DEPARTMENTS.length;
  const managerId =
    index === 0
      ? null
      : isHead
        ? (headIds[0] ?? null)
        : headIdOf(headIds, departmentIndex);

  const row = (
    effectiveDate: IsoDate,
    spec: DepartmentSpec,
    title: string,
    rowSite: SiteSpec,
    reportsToId: string | null,
    reason: string,
  ): WorkRow => ({
    id: nextRowId(),
    effectiveDate,
    title: listItemId(lists, "title", title),
    department: listItemId(lists, "department", spec.name),
    site: rowSite.name,
    siteId: rowSite.id,
    reportsToId,
    reason,
  });

  const finalTitle = isHead || index === 0 ? department.headTitle : department.titles[0];
  const isHired = input.status === "hired";
  const promoted = !isHired && index > 0 && index % 3 === 0;
  const relocated = !isHired && index > 0 && index % 5 === 2;
  const changedDepartment = !isHired && index > DEPARTMENTS.length && index % 7 === 4;

  // Work out the first row by undoing the later changes.
  const firstTitleInDepartment = promoted
    ? isHead
      ? department.titles[1]
      : department.titles[0]
    : finalTitle;
  const promotedTitle = isHead ? department.headTitle : department.titles[1];
  const firstSite = relocated ? (SITES[(index + 1) % SITES.length] ?? site) : site;
  const earlierDepartmentIndex = (departmentIndex + 3) % DEPARTMENTS.length;
  const earlierDepartment = DEPARTMENTS[earlierDepartmentIndex] ?? department;

  const rows: WorkRow[] = [];
  if (changedDepartment) {
    rows.push(
      row(
        dates.start,
        earlierDepartment,
        earlierDepartment.titles[0],
        firstSite,
        headIdOf(headIds, earlierDepartmentIndex),
        "New hire",
      ),
    );
  } else {
    rows.push(
      row(
        dates.start,
        department,
        firstTitleInDepartment,
        firstSite,
        managerId,
        "New hire",
      ),
    );
  }

  const changes: { reason: string }[] = [];
  if (changedDepartment) {
    changes.push({ reason: "Department change" });
  }
  if (relocated) {
    changes.push({ reason: "Relocation" });
  }
  if (promoted) {
    changes.push({ reason: "Promotion" });
  }

  const changeDates = spreadDates(
    random,
    addDays(dates.start, 180),
    addDays(dates.end, -30),
    changes.length,
  );
  let title = changedDepartment ? department.titles[0] : firstTitleInDepartment;
  let currentSite = firstSite;
  changes.forEach((change, changeIndex) => {
    if (change.reason === "Relocation") {
      currentSite = site;
    }
    if (change.reason === "Promotion") {
      title = promotedTitle;
    }
    const effectiveDate = changeDates[changeIndex] ?? dates.start;
    rows.push(
      row(effectiveDate, department, title, currentSite, managerId, change.reason),
    );
  });

  return rows;
}

function createEmploymentRows(input: EmployeeInput, dates: KeyDates): EmploymentRow[] {
  const { index, lists, random, nextRowId } = input;
  const fullTime = { type: "Full-time", fte: 100, weeklyHours: 40 } as const;
  const partTime = { type: "Part-time", fte: 60, weeklyHours: 24 } as const;
  const reducedHours = { type: "Part-time", fte: 80, weeklyHours: 32 } as const;

  const startsPartTime = index % 9 === 5;
  const startsFixedTerm = index % 8 === 6;
  const changes = input.status !== "hired" && index > 0 && index % 5 === 1;

  const row = (
    effectiveDate: IsoDate,
    hours: { type: string; fte: number; weeklyHours: number },
    contract: string,
    reason: string,
  ): EmploymentRow => ({
    id: nextRowId(),
    effectiveDate,
    contract: listItemId(lists, "contract", contract),
    type: listItemId(lists, "employmentType", hours.type),
    fte: hours.fte,
    weeklyHours: hours.weeklyHours,
    salaryPayType: hours.type === "Part-time" ? "Hourly" : "Salaried",
    reason,
  });

  const firstHours = startsPartTime ? partTime : fullTime;
  const firstContract = startsFixedTerm ? "Fixed term" : "Permanent";
  const rows = [row(dates.start, firstHours, firstContract, "New hire")];
  if (!changes) {
    return rows;
  }

  const [changeDate] = spreadDates(
    random,
    addDays(dates.start, 120),
    addDays(dates.end, -30),
    1,
  );
  const effectiveDate = changeDate ?? dates.start;
  if (startsFixedTerm) {
    rows.push(row(effectiveDate, firstHours, "Permanent", "Contract change"));
  } else if (startsPartTime) {
    rows.push(row(effectiveDate, fullTime, firstContract, "Change in working hours"));
  } else {
    rows.push(row(effectiveDate, reducedHours, firstContract, "Change in working hours"));
  }
  return rows;
}

function createLifecycleRows(
  input: EmployeeInput,
  status: LifecycleStatus,
  dates: KeyDates,
  terminationReason: string | undefined,
): LifecycleRow[] {
  const { index, random, nextRowId } = input;
  const row = (
    effectiveDate: IsoDate,
    rowStatus: LifecycleStatus,
    reasonType: string,
  ) => ({
    id: nextRowId(),
    effectiveDate,
    status: rowStatus,
    reasonType,
  });

  const rows: LifecycleRow[] = [
    row(dates.creationDateTime.slice(0, 10), "hired", "New hire"),
  ];
  if (status === "hired") {
    return rows;
  }
  rows.push(row(dates.start, "employed", "Start of employment"));

  if (index % 6 === 4) {
    const [leaveDate] = spreadDates(
      random,
      addDays(dates.start, 200),
      addDays(dates.end, -200),
      1,
    );
    const leaveStart = leaveDate ?? dates.start;
    rows.push(row(leaveStart, "leave", pick(random, LEAVE_REASONS)));
    rows.push(
      row(addDays(leaveStart, random.integer(45, 150)), "employed", "Return from leave"),
    );
  }

  if (status === "terminated") {
    // HiBob documents that a termination takes effect at midnight after the
    // termination date, so the terminated row starts the next day.
    rows.push(
      row(addDays(dates.end, 1), "terminated", terminationReason ?? "Resignation"),
    );
  }
  return rows;
}

function createNamedLists(): Record<string, NamedList> {
  const titles = new Set<string>();
  for (const department of [LEADERSHIP, ...DEPARTMENTS]) {
    titles.add(department.headTitle);
    department.titles.forEach((title) => titles.add(title));
  }

  const entries: [string, string, string[], number][] = [
    [
      "department",
      "Department",
      [LEADERSHIP, ...DEPARTMENTS].map((d) => d.name),
      3_001_101,
    ],
    ["title", "Job title", [...titles], 4_102_201],
    ["employmentType", "Employment type", ["Full-time", "Part-time"], 5_203_301],
    ["contract", "Contract", ["Permanent", "Fixed term"], 5_304_401],
    ["terminationReason", "Termination reason", TERMINATION_REASONS, 6_405_501],
    ["nationality", "Nationality", NATIONALITIES, 7_506_601],
    ["hobbies", "Hobbies", HOBBIES, 8_607_701],
  ];

  const lists: Record<string, NamedList> = {};
  for (const [id, name, itemNames, firstItemId] of entries) {
    lists[id] = {
      id,
      name,
      items: itemNames.map((itemName, itemIndex) => ({
        id: String(firstItemId + itemIndex * 17),
        name: itemName,
      })),
    };
  }
  return lists;
}

function listItemId(
  lists: Record<string, NamedList>,
  listId: string,
  itemName: string,
): string {
  const item = lists[listId]?.items.find((candidate) => candidate.name === itemName);
  if (!item) {
    throw new Error(`List "${listId}" has no item named "${itemName}".`);
  }
  return item.id;
}

function headIdOf(headIds: string[], departmentIndex: number): string | null {
  return headIds[departmentIndex + 1] ?? null;
}

function emailLocalPart(person: PersonSpec): string {
  const normalize = (name: string) =>
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  return `${normalize(person.firstName)}.${normalize(person.surname)}`;
}

/** Appends 2, 3, … to the local part until the address is not in `takenEmails`. */
function uniqueLocalPart(
  localPart: string,
  takenEmails: Set<string> | undefined,
): string {
  if (takenEmails === undefined) {
    return localPart;
  }
  let candidate = localPart;
  for (let suffix = 2; takenEmails.has(`${candidate}@${EMAIL_DOMAIN}`); suffix += 1) {
    candidate = `${localPart}${suffix}`;
  }
  takenEmails.add(`${candidate}@${EMAIL_DOMAIN}`);
  return candidate;
}

/** Returns `count` increasing dates between `from` and `to`, at least 60 days apart. */
function spreadDates(
  random: Random,
  from: IsoDate,
  to: IsoDate,
  count: number,
): IsoDate[] {
  const dates: IsoDate[] = [];
  let earliest = from;
  for (let remaining = count; remaining > 0; remaining -= 1) {
    const latest = addDays(to, -60 * (remaining - 1));
    const date = random.date(earliest, maxDate(earliest, latest));
    dates.push(date);
    earliest = addDays(date, 60);
  }
  return dates;
}

function maxDate(first: IsoDate, second: IsoDate): IsoDate {
  return first > second ? first : second;
}

function timestamp(random: Random, date: IsoDate): string {
  const hours = String(random.integer(7, 18)).padStart(2, "0");
  const minutes = String(random.integer(0, 59)).padStart(2, "0");
  const seconds = String(random.integer(0, 59)).padStart(2, "0");
  const millis = String(random.integer(0, 999)).padStart(3, "0");
  return `${date}T${hours}:${minutes}:${seconds}.${millis}Z`;
}

function createEmployeeIds(random: Random, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) {
    ids.add(`3${digits(random, 18)}`);
  }
  return [...ids];
}

function digits(random: Random, count: number): string {
  let result = "";
  for (let position = 0; position < count; position += 1) {
    result += String(random.integer(0, 9));
  }
  return result;
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.integer(0, items.length - 1)];
  if (item === undefined) {
    throw new Error("Cannot pick from an empty list.");
  }
  return item;
}

function createCounter(first: number): () => number {
  let next = first;
  return () => {
    next += 1;
    return next;
  };
}

type Random = {
  /** Returns an integer between `min` and `max`, both included. */
  integer(min: number, max: number): number;
  /** Returns a date between `from` and `to`, both included. */
  date(from: IsoDate, to: IsoDate): IsoDate;
};

/** Creates a seeded pseudo-random generator (mulberry32), so the data is the same on every run. */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number) =>
    min + Math.floor(next() * (max - min + 1));
  return {
    integer,
    date(from, to) {
      const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
      return addDays(from, integer(0, Math.max(0, span)));
    },
  };
}
