-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('message', 'integrity_event', 'consent', 'evaluation', 'status');

-- CreateTable
CREATE TABLE "InterviewEvidence" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "previousHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "InterviewEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InterviewEvidence_interviewId_sequence_key" ON "InterviewEvidence"("interviewId", "sequence");

-- AddForeignKey
ALTER TABLE "InterviewEvidence" ADD CONSTRAINT "InterviewEvidence_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Append-only, enforced here so that no code path, script or console session can quietly rewrite
-- an interview's record. Deleting the interview itself (a recruiter removing it, erasure on request)
-- still takes its records with it: the foreign key's cascade deletes them after the interview row is
-- gone, which this trigger sees as the parent no longer existing. The parent is looked up in the
-- table's own schema, so the check does not depend on the caller's search_path.
CREATE FUNCTION "interview_evidence_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  interview_exists boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I."Interview" WHERE "id" = $1)', TG_TABLE_SCHEMA)
      INTO interview_exists USING OLD."interviewId";
    IF NOT interview_exists THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'InterviewEvidence is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Evidence goes only when its interview is deleted.';
END
$$;

CREATE TRIGGER "interview_evidence_append_only"
  BEFORE UPDATE OR DELETE ON "InterviewEvidence"
  FOR EACH ROW EXECUTE FUNCTION "interview_evidence_append_only"();

-- TRUNCATE fires no row triggers, so it is refused on its own.
CREATE TRIGGER "interview_evidence_no_truncate"
  BEFORE TRUNCATE ON "InterviewEvidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "interview_evidence_append_only"();
