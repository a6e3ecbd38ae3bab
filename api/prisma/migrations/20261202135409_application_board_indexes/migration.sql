-- CreateIndex
CREATE INDEX "Interview_jobId_candidateUserId_score_idx" ON "Interview"("jobId", "candidateUserId", "score");

-- CreateIndex
CREATE INDEX "JobApplication_jobId_status_appliedAt_idx" ON "JobApplication"("jobId", "status", "appliedAt");
