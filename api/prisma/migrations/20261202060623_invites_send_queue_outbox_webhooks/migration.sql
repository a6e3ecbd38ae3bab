-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "htmlContent" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "linkExpiresAt" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "recipientName" TEXT,
ADD COLUMN     "subject" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "textContent" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "transport" TEXT;

-- AlterTable
ALTER TABLE "WhatsAppMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "linkExpiresAt" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "templateLanguage" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "templateName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "templateParams" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "textContent" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "transport" TEXT;

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "emailMessageId" TEXT,
    "whatsappMessageId" TEXT,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "htmlContent" TEXT,
    "textContent" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteBatch" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "recruiterId" TEXT NOT NULL,
    "channels" TEXT[],
    "interviewCount" INTEGER NOT NULL,
    "rejectedRows" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InviteBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryEvent" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "providerMessageId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_emailMessageId_key" ON "OutboxMessage"("emailMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_whatsappMessageId_key" ON "OutboxMessage"("whatsappMessageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_interviewId_idx" ON "OutboxMessage"("interviewId");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_id_idx" ON "OutboxMessage"("createdAt", "id");

-- CreateIndex
CREATE INDEX "InviteBatch_recruiterId_createdAt_idx" ON "InviteBatch"("recruiterId", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryEvent_providerMessageId_idx" ON "DeliveryEvent"("providerMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryEvent_channel_eventKey_key" ON "DeliveryEvent"("channel", "eventKey");

-- CreateIndex
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailMessage_batchId_idx" ON "EmailMessage"("batchId");

-- CreateIndex
CREATE INDEX "WhatsAppMessage_status_nextAttemptAt_idx" ON "WhatsAppMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WhatsAppMessage_batchId_idx" ON "WhatsAppMessage"("batchId");

-- AddForeignKey
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "InviteBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WhatsAppMessage" ADD CONSTRAINT "WhatsAppMessage_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "InviteBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_emailMessageId_fkey" FOREIGN KEY ("emailMessageId") REFERENCES "EmailMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_whatsappMessageId_fkey" FOREIGN KEY ("whatsappMessageId") REFERENCES "WhatsAppMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteBatch" ADD CONSTRAINT "InviteBatch_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteBatch" ADD CONSTRAINT "InviteBatch_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
