-- CreateEnum
CREATE TYPE "HibobEnvironment" AS ENUM ('production', 'sandbox');

-- CreateEnum
CREATE TYPE "PermissionCategory" AS ENUM ('basic_info', 'employment', 'history', 'identification', 'lifecycle', 'personal', 'personal_contact_details', 'work', 'work_contact_details');

-- CreateEnum
CREATE TYPE "PermissionKind" AS ENUM ('view', 'edit', 'view_history');

-- CreateEnum
CREATE TYPE "LinkSessionStatus" AS ENUM ('pending', 'in_progress', 'submitted', 'revoked');

-- CreateEnum
CREATE TYPE "ProbeRunStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "ProbeOutcome" AS ENUM ('all_granted', 'missing_permissions', 'no_employees_visible', 'invalid_credentials', 'unreachable', 'timed_out', 'rate_limited', 'error');

-- CreateEnum
CREATE TYPE "ProbeTrigger" AS ENUM ('wizard_submit', 'wizard_recheck', 'staff');

-- CreateEnum
CREATE TYPE "CategoryStatus" AS ENUM ('granted', 'missing', 'partial', 'unverifiable');

-- CreateEnum
CREATE TYPE "AccessScopeStatus" AS ENUM ('complete', 'incomplete', 'unverifiable');

-- CreateEnum
CREATE TYPE "AuditActorType" AS ENUM ('hr_admin', 'staff', 'system');

-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL,
    "company_name" TEXT NOT NULL,
    "hr_admin_email" TEXT,
    "hibob_environment" "HibobEnvironment" NOT NULL DEFAULT 'production',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "link_sessions" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "status" "LinkSessionStatus" NOT NULL DEFAULT 'pending',
    "current_step" SMALLINT NOT NULL DEFAULT 1,
    "required_categories" "PermissionCategory"[],
    "token_hash" CHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "opened_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "link_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hibob_credentials" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "service_user_id" TEXT NOT NULL,
    "encrypted_token" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "token_last_four" VARCHAR(4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotated_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hibob_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_runs" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "link_session_id" UUID,
    "credential_id" UUID,
    "trigger" "ProbeTrigger" NOT NULL,
    "status" "ProbeRunStatus" NOT NULL DEFAULT 'running',
    "outcome" "ProbeOutcome",
    "employees_visible" INTEGER,
    "access_scope_status" "AccessScopeStatus",
    "missing_lifecycle_statuses" TEXT[],
    "access_scope_fix" TEXT,
    "summary" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,

    CONSTRAINT "probe_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_category_results" (
    "id" UUID NOT NULL,
    "probe_run_id" UUID NOT NULL,
    "category" "PermissionCategory" NOT NULL,
    "status" "CategoryStatus" NOT NULL,
    "missing" "PermissionKind"[],
    "unverified" "PermissionKind"[],
    "hibob_category_name" TEXT,
    "fix" TEXT NOT NULL,

    CONSTRAINT "probe_category_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "AuditActorType" NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "customer_id" UUID,
    "link_session_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customers_company_name_idx" ON "customers"("company_name");

-- CreateIndex
CREATE UNIQUE INDEX "link_sessions_token_hash_key" ON "link_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "link_sessions_customer_id_created_at_idx" ON "link_sessions"("customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "hibob_credentials_customer_id_key" ON "hibob_credentials"("customer_id");

-- CreateIndex
CREATE INDEX "hibob_credentials_key_id_idx" ON "hibob_credentials"("key_id");

-- CreateIndex
CREATE INDEX "probe_runs_customer_id_started_at_idx" ON "probe_runs"("customer_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "probe_runs_link_session_id_idx" ON "probe_runs"("link_session_id");

-- CreateIndex
CREATE INDEX "probe_runs_credential_id_idx" ON "probe_runs"("credential_id");

-- CreateIndex
CREATE UNIQUE INDEX "probe_category_results_probe_run_id_category_key" ON "probe_category_results"("probe_run_id", "category");

-- CreateIndex
CREATE INDEX "audit_events_customer_id_occurred_at_idx" ON "audit_events"("customer_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_link_session_id_idx" ON "audit_events"("link_session_id");

-- AddForeignKey
ALTER TABLE "link_sessions" ADD CONSTRAINT "link_sessions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hibob_credentials" ADD CONSTRAINT "hibob_credentials_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_link_session_id_fkey" FOREIGN KEY ("link_session_id") REFERENCES "link_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "hibob_credentials"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_category_results" ADD CONSTRAINT "probe_category_results_probe_run_id_fkey" FOREIGN KEY ("probe_run_id") REFERENCES "probe_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_link_session_id_fkey" FOREIGN KEY ("link_session_id") REFERENCES "link_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only audit log. This part is hand-written because Prisma's schema
-- language cannot express triggers. Every UPDATE, DELETE and TRUNCATE on
-- "audit_events" raises an error, so only a role that may drop or disable
-- these triggers (such as the table owner) can change a recorded event.
CREATE FUNCTION "audit_events_reject_change"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING HINT = 'Record a new audit event instead of changing an existing one.';
END;
$$;

CREATE TRIGGER "audit_events_append_only"
    BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_reject_change"();

CREATE TRIGGER "audit_events_no_truncate"
    BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_reject_change"();
