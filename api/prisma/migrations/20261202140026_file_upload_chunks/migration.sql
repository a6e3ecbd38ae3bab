-- CreateTable
CREATE TABLE "FileUploadChunk" (
    "uploadId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileUploadChunk_pkey" PRIMARY KEY ("uploadId","seq")
);

-- CreateIndex
CREATE INDEX "FileUploadChunk_createdAt_idx" ON "FileUploadChunk"("createdAt");

-- Slices are joined into File.data when the upload completes: stored uncompressed, like File.data.
ALTER TABLE "FileUploadChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;
