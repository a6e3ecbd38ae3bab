-- AlterEnum
ALTER TYPE "EvidenceKind" ADD VALUE 'review_request';

-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "humanReviewReason" TEXT,
ADD COLUMN     "humanReviewRequestedAt" TIMESTAMP(3);
