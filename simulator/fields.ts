// Field metadata: every employee field the simulator serves, its default
// category, its type, and how its value is read from an employee's state.
import { isActive, type EmployeeSnapshot } from "./history";
import { yearsBetween } from "./dates";
import { employeeById, managerIds } from "./lookup";

/** Default categories: simulator category id to the name HiBob's UI shows. */
export const CATEGORIES: Record<string, string> = {
  root: "Basic info",
  work: "Work",
  workContact: "Work contact details",
  employment: "Employment",
  lifecycle: "Lifecycle",
  personal: "Personal",
  home: "Personal contact details",
  identification: "Identification",
  about: "About",
  address: "Address",
};

/** Categories whose fields a search returns when the request names no fields. */
export const DEFAULT_SEARCH_CATEGORIES = ["root", "about", "employment", "work"];

export type FieldType =
  | "text"
  | "text-area"
  | "date"
  | "short-date"
  | "time"
  | "number"
  | "boolean"
  | "list"
  | "multi-list"
  | "employee";

export type EmployeeReference = {
  id: string;
  email: string;
  firstName: string;
  surname: string;
  displayName: string;
};

export type FieldValue = string | number | boolean | string[] | EmployeeReference | null;

export type FieldDefinition = {
  /** Field id in dot notation, for example "work.title". */
  id: string;
  /** Default category id, before any company customisation. */
  categoryId: string;
  name: string;
  type: FieldType;
  /** Whether the value comes from an effective-dated table. */
  historical: boolean;
  /** Fields that HiBob returns only with both View and Edit on their category. */
  sensitive: boolean;
  /** Named list that contains the field's values, for list fields. */
  listId?: string;
  value(snapshot: EmployeeSnapshot): FieldValue;
};

type FieldOptions = { historical?: boolean; sensitive?: boolean; listId?: string };

function field(
  id: string,
  categoryId: string,
  name: string,
  type: FieldType,
  value: (snapshot: EmployeeSnapshot) => FieldValue,
  options: FieldOptions = {},
): FieldDefinition {
  return {
    id,
    categoryId,
    name,
    type,
    historical: options.historical ?? false,
    sensitive: options.sensitive ?? false,
    listId: options.listId,
    value,
  };
}

const HISTORICAL = { historical: true };

export const FIELDS: readonly FieldDefinition[] = [
  field("root.id", "root", "ID", "text", ({ employee }) => employee.id),
  field("root.email", "root", "Email", "text", ({ employee }) => employee.email),
  field(
    "root.firstName",
    "root",
    "First name",
    "text",
    ({ employee }) => employee.firstName,
  ),
  field("root.surname", "root", "Last name", "text", ({ employee }) => employee.surname),
  field(
    "root.displayName",
    "root",
    "Display name",
    "text",
    ({ employee }) => employee.displayName,
  ),
  field(
    "root.fullName",
    "root",
    "Full name",
    "text",
    ({ employee }) => employee.fullName,
  ),
  field("root.companyId", "root", "Company ID", "number", ({ company }) => company.id),
  field(
    "root.creationDateTime",
    "root",
    "Creation date",
    "time",
    ({ employee }) => employee.creationDateTime,
  ),

  field("work.title", "work", "Job title", "list", ({ work }) => work.title, {
    historical: true,
    listId: "title",
  }),
  field("work.department", "work", "Department", "list", ({ work }) => work.department, {
    historical: true,
    listId: "department",
  }),
  field("work.site", "work", "Site", "text", ({ work }) => work.site, HISTORICAL),
  field("work.reportsTo", "work", "Reports to", "employee", reportsTo, HISTORICAL),
  field("work.startDate", "work", "Start date", "date", ({ employee }) =>
    startDate(employee),
  ),
  field(
    "work.activeEffectiveDate",
    "work",
    "Work effective date",
    "date",
    ({ work }) => work.effectiveDate,
    HISTORICAL,
  ),
  field("work.isManager", "work", "Is manager", "boolean", isManager),
  field(
    "work.employeeIdInCompany",
    "work",
    "Employee ID",
    "number",
    ({ employee }) => employee.employeeIdInCompany,
  ),

  field(
    "work.workPhone",
    "workContact",
    "Work phone",
    "text",
    ({ employee }) => employee.workPhone,
  ),
  field(
    "work.workMobile",
    "workContact",
    "Work mobile",
    "text",
    ({ employee }) => employee.workMobile,
  ),

  field(
    "payroll.employment.type",
    "employment",
    "Employment type",
    "list",
    ({ employment }) => employment.type,
    { historical: true, listId: "employmentType" },
  ),
  field(
    "payroll.employment.contract",
    "employment",
    "Contract",
    "list",
    ({ employment }) => employment.contract,
    { historical: true, listId: "contract" },
  ),
  field(
    "payroll.employment.fte",
    "employment",
    "FTE %",
    "number",
    ({ employment }) => employment.fte,
    HISTORICAL,
  ),
  field(
    "payroll.employment.weeklyHours",
    "employment",
    "Weekly hours",
    "number",
    ({ employment }) => employment.weeklyHours,
    HISTORICAL,
  ),
  field(
    "payroll.employment.activeEffectiveDate",
    "employment",
    "Employment effective date",
    "date",
    ({ employment }) => employment.effectiveDate,
    HISTORICAL,
  ),

  field("internal.status", "lifecycle", "Status", "text", ({ employee, today }) =>
    isActive(employee, today) ? "Active" : "Inactive",
  ),
  field(
    "internal.lifecycleStatus",
    "lifecycle",
    "Lifecycle status",
    "text",
    ({ lifecycle }) => lifecycle.status,
  ),
  field(
    "internal.terminationDate",
    "lifecycle",
    "Termination date",
    "date",
    ({ employee }) => employee.terminationDate,
  ),
  field(
    "internal.terminationReason",
    "lifecycle",
    "Termination reason",
    "list",
    ({ employee }) => employee.terminationReason,
    { listId: "terminationReason" },
  ),
  field(
    "internal.currentActiveStatusStartDate",
    "lifecycle",
    "Current status start date",
    "date",
    ({ lifecycle }) => lifecycle.effectiveDate,
  ),

  field(
    "personal.birthDate",
    "personal",
    "Date of birth",
    "date",
    ({ employee }) => employee.birthDate,
    { sensitive: true },
  ),
  field("personal.shortBirthDate", "personal", "Birthday", "short-date", ({ employee }) =>
    employee.birthDate.slice(5),
  ),
  field(
    "personal.age",
    "personal",
    "Age",
    "number",
    ({ employee, today }) => yearsBetween(employee.birthDate, today),
    { sensitive: true },
  ),
  field(
    "personal.pronouns",
    "personal",
    "Pronouns",
    "text",
    ({ employee }) => employee.pronouns,
  ),
  field(
    "personal.honorific",
    "personal",
    "Title",
    "text",
    ({ employee }) => employee.honorific,
  ),
  field(
    "personal.nationality",
    "personal",
    "Nationality",
    "multi-list",
    ({ employee }) => employee.nationality,
    { listId: "nationality" },
  ),

  field(
    "home.privateEmail",
    "home",
    "Personal email",
    "text",
    ({ employee }) => employee.privateEmail,
  ),
  field(
    "home.privatePhone",
    "home",
    "Personal phone",
    "text",
    ({ employee }) => employee.privatePhone,
  ),
  field(
    "home.mobilePhone",
    "home",
    "Personal mobile",
    "text",
    ({ employee }) => employee.mobilePhone,
  ),

  field(
    "identification.ssn",
    "identification",
    "SSN",
    "text",
    ({ employee }) => employee.ssn,
    {
      sensitive: true,
    },
  ),
  field(
    "financial.passportNumber",
    "identification",
    "Passport number",
    "text",
    ({ employee }) => employee.passportNumber,
  ),
  field(
    "financial.identificationNumber",
    "identification",
    "Identification number",
    "text",
    ({ employee }) => employee.identificationNumber,
  ),

  field("about.about", "about", "About", "text-area", ({ employee }) => employee.about),
  field(
    "about.hobbies",
    "about",
    "Hobbies",
    "multi-list",
    ({ employee }) => employee.hobbies,
    {
      listId: "hobbies",
    },
  ),

  field("address.city", "address", "City", "text", ({ employee }) => employee.city),
  field(
    "address.country",
    "address",
    "Country",
    "text",
    ({ employee }) => employee.country,
  ),
];

const FIELDS_BY_ID = new Map(FIELDS.map((definition) => [definition.id, definition]));

export function findField(id: string): FieldDefinition | undefined {
  return FIELDS_BY_ID.get(id);
}

/** Returns the field's path in the employee JSON. Root fields sit at the top level. */
export function jsonPathOf(definition: FieldDefinition): string {
  return definition.id.startsWith("root.")
    ? definition.id.slice("root.".length)
    : definition.id;
}

function startDate(employee: EmployeeSnapshot["employee"]): string {
  const first = employee.work[0];
  if (!first) {
    throw new Error(`Employee ${employee.id} has no work history.`);
  }
  return first.effectiveDate;
}

function reportsTo({ company, work }: EmployeeSnapshot): EmployeeReference | null {
  const manager =
    work.reportsToId === null ? undefined : employeeById(company, work.reportsToId);
  if (!manager) {
    return null;
  }
  return {
    id: manager.id,
    email: manager.email,
    firstName: manager.firstName,
    surname: manager.surname,
    displayName: manager.displayName,
  };
}

/** Returns whether an active employee currently reports to the employee. */
function isManager({ company, employee, today }: EmployeeSnapshot): boolean {
  return managerIds(company, today).has(employee.id);
}
