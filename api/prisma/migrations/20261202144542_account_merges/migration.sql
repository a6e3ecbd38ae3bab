-- CreateTable
CREATE TABLE "AccountMerge" (
    "id" TEXT NOT NULL,
    "sourceUserId" TEXT NOT NULL,
    "sourceEmail" TEXT NOT NULL,
    "targetUserId" TEXT NOT NULL,
    "mergedById" TEXT NOT NULL,
    "moved" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountMerge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountMerge_targetUserId_idx" ON "AccountMerge"("targetUserId");
