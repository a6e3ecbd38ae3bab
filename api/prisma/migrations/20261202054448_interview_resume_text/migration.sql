-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "candidateResumeText" TEXT;
