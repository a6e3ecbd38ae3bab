-- CreateEnum
CREATE TYPE "CronRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED');

-- AlterTable
ALTER TABLE "OnboardingReminder" ADD COLUMN     "period" TEXT,
ADD COLUMN     "transport" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "userId" TEXT,
ALTER COLUMN "interviewId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "CronRun" (
    "id" TEXT NOT NULL,
    "jobName" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3),
    "instanceId" TEXT NOT NULL,
    "requestedById" TEXT,
    "status" "CronRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "result" JSONB,
    "error" TEXT,

    CONSTRAINT "CronRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CronRun_jobName_startedAt_idx" ON "CronRun"("jobName", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CronRun_jobName_scheduledAt_key" ON "CronRun"("jobName", "scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "OnboardingReminder_userId_reminderType_period_key" ON "OnboardingReminder"("userId", "reminderType", "period");

-- CreateIndex
CREATE INDEX "OutboxMessage_userId_idx" ON "OutboxMessage"("userId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
