-- AlterEnum
ALTER TYPE "EvidenceKind" ADD VALUE 'recording';
