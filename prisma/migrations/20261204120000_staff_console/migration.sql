-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('csm', 'support', 'admin');

-- CreateEnum
CREATE TYPE "OnboardingStage" AS ENUM ('link_sent', 'link_opened', 'step_1_done', 'step_2_done', 'credentials_submitted', 'invalid_credentials', 'missing_permissions', 'connected', 'reopened');

-- CreateEnum
CREATE TYPE "LinkSessionMode" AS ENUM ('initial', 'recheck', 'relink');

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "latest_probe_at" TIMESTAMPTZ(3),
ADD COLUMN     "latest_probe_outcome" "ProbeOutcome",
ADD COLUMN     "latest_probe_run_id" UUID,
ADD COLUMN     "link_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "missing_count" INTEGER,
ADD COLUMN     "owner_id" TEXT,
ADD COLUMN     "stage" "OnboardingStage" NOT NULL DEFAULT 'link_sent',
ADD COLUMN     "stage_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "link_sessions" ADD COLUMN     "created_by_id" TEXT,
ADD COLUMN     "mode" "LinkSessionMode" NOT NULL DEFAULT 'initial',
ADD COLUMN     "reopen_reason" TEXT;

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT NOT NULL,
    "email_verified" TIMESTAMPTZ(3),
    "image" TEXT,
    "role" "StaffRole" NOT NULL DEFAULT 'csm',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "invited_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "session_token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_tokens" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "verification_tokens_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateIndex
CREATE INDEX "customers_owner_id_idx" ON "customers"("owner_id");

-- CreateIndex
CREATE INDEX "customers_stage_last_activity_at_idx" ON "customers"("stage", "last_activity_at" DESC);

-- CreateIndex
CREATE INDEX "customers_last_activity_at_idx" ON "customers"("last_activity_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_session_token_key" ON "sessions"("session_token");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
