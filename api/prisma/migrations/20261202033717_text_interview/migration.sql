-- AlterTable
ALTER TABLE "Interview" ADD COLUMN     "consentAiInterviewAt" TIMESTAMP(3),
ADD COLUMN     "consentRecording" BOOLEAN,
ADD COLUMN     "endReason" TEXT;

-- AlterTable
ALTER TABLE "InterviewMessage" ADD COLUMN     "clientMessageId" TEXT,
ADD COLUMN     "questionIndex" INTEGER,
ADD COLUMN     "turnKind" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "InterviewMessage_interviewId_clientMessageId_key" ON "InterviewMessage"("interviewId", "clientMessageId");
