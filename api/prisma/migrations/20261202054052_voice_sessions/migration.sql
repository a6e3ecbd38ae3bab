-- CreateEnum
CREATE TYPE "VoicePace" AS ENUM ('patient', 'quick');

-- AlterEnum
ALTER TYPE "EvidenceKind" ADD VALUE 'voice';

-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "speechAnalytics" JSONB,
ADD COLUMN     "voicePace" "VoicePace" NOT NULL DEFAULT 'patient';

-- AlterTable
ALTER TABLE "InterviewMessage" ADD COLUMN     "endedSpeakingAt" TIMESTAMP(3),
ADD COLUMN     "isInterrupted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "responseGapMs" INTEGER,
ADD COLUMN     "speech" JSONB,
ADD COLUMN     "startedSpeakingAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "VoiceIncident" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "messageId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoiceIncident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VoiceIncident_interviewId_occurredAt_idx" ON "VoiceIncident"("interviewId", "occurredAt");

-- AddForeignKey
ALTER TABLE "VoiceIncident" ADD CONSTRAINT "VoiceIncident_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;
