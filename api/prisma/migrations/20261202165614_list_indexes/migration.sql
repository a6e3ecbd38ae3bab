-- Trigram indexes serve the lists' case-insensitive substring searches (ILIKE '%…%').
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "Interview_recruiterId_createdAt_idx";

-- DropIndex
DROP INDEX "Job_recruiterId_createdAt_idx";

-- DropIndex
DROP INDEX "JobApplication_candidateId_idx";

-- CreateIndex
CREATE INDEX "Interview_recruiterId_createdAt_id_idx" ON "Interview"("recruiterId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Interview_createdAt_id_idx" ON "Interview"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Interview_recruiterId_expiresAt_id_idx" ON "Interview"("recruiterId", "expiresAt", "id");

-- CreateIndex
CREATE INDEX "Interview_expiresAt_id_idx" ON "Interview"("expiresAt", "id");

-- CreateIndex
CREATE INDEX "Interview_recruiterId_candidateName_candidateEmail_id_idx" ON "Interview"("recruiterId", "candidateName", "candidateEmail", "id");

-- CreateIndex
CREATE INDEX "Interview_candidateName_candidateEmail_id_idx" ON "Interview"("candidateName", "candidateEmail", "id");

-- CreateIndex
CREATE INDEX "Interview_candidateEmail_trgm_idx" ON "Interview" USING GIN ("candidateEmail" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Interview_candidateName_trgm_idx" ON "Interview" USING GIN ("candidateName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Job_recruiterId_createdAt_id_idx" ON "Job"("recruiterId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Job_createdAt_id_idx" ON "Job"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Job_status_approvalStatus_updatedAt_id_idx" ON "Job"("status", "approvalStatus", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Job_status_approvalStatus_approvedAt_id_idx" ON "Job"("status", "approvalStatus", "approvedAt", "id");

-- CreateIndex
CREATE INDEX "Job_title_trgm_idx" ON "Job" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Job_department_trgm_idx" ON "Job" USING GIN ("department" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Job_description_trgm_idx" ON "Job" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Job_location_trgm_idx" ON "Job" USING GIN ("location" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "JobApplication_candidateId_appliedAt_id_idx" ON "JobApplication"("candidateId", "appliedAt", "id");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- CreateIndex
CREATE INDEX "User_role_createdAt_id_idx" ON "User"("role", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_fullName_trgm_idx" ON "User" USING GIN ("fullName" gin_trgm_ops);
