-- DropIndex
DROP INDEX "Interview_recruiterId_idx";

-- DropIndex
DROP INDEX "Job_recruiterId_idx";

-- DropIndex
DROP INDEX "Job_status_approvalStatus_idx";

-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "questions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Interview_recruiterId_createdAt_idx" ON "Interview"("recruiterId", "createdAt");

-- CreateIndex
CREATE INDEX "Job_recruiterId_createdAt_idx" ON "Job"("recruiterId", "createdAt");

-- CreateIndex
CREATE INDEX "Job_status_approvalStatus_createdAt_idx" ON "Job"("status", "approvalStatus", "createdAt");

-- CreateIndex
CREATE INDEX "JobApplication_jobId_appliedAt_idx" ON "JobApplication"("jobId", "appliedAt");
