-- Job types become one fixed list (api/src/domain/job-types.ts), so the board's filter finds every job
-- of a type: "Full time", "full-time" and "FULL_TIME" were three different values before.
CREATE TYPE "JobType" AS ENUM ('FULL_TIME', 'PART_TIME', 'CONTRACT', 'TEMPORARY', 'INTERNSHIP', 'OTHER');

-- Existing free text is mapped onto the list by its letters alone, ignoring case, spaces, hyphens and
-- underscores (the same rule as jobTypeFromText in domain/job-types.ts). Blank stays unset; text that
-- names none of the types becomes OTHER rather than being lost as unset, so the job still says it has
-- an unusual arrangement and its recruiter can pick the right one.
ALTER TABLE "Job" ADD COLUMN "jobTypeNew" "JobType";

UPDATE "Job"
SET "jobTypeNew" = CASE
  WHEN "jobType" IS NULL OR btrim("jobType") = '' THEN NULL
  WHEN lower(regexp_replace("jobType", '[^a-zA-Z]', '', 'g')) IN ('fulltime', 'ft', 'permanent', 'fulltimepermanent', 'permanentfulltime') THEN 'FULL_TIME'::"JobType"
  WHEN lower(regexp_replace("jobType", '[^a-zA-Z]', '', 'g')) IN ('parttime', 'pt') THEN 'PART_TIME'::"JobType"
  WHEN lower(regexp_replace("jobType", '[^a-zA-Z]', '', 'g')) IN ('contract', 'contractor', 'freelance', 'freelancer', 'contracttohire') THEN 'CONTRACT'::"JobType"
  WHEN lower(regexp_replace("jobType", '[^a-zA-Z]', '', 'g')) IN ('temporary', 'temp', 'seasonal') THEN 'TEMPORARY'::"JobType"
  WHEN lower(regexp_replace("jobType", '[^a-zA-Z]', '', 'g')) IN ('internship', 'intern', 'traineeship', 'apprenticeship') THEN 'INTERNSHIP'::"JobType"
  ELSE 'OTHER'::"JobType"
END;

ALTER TABLE "Job" DROP COLUMN "jobType";
ALTER TABLE "Job" RENAME COLUMN "jobTypeNew" TO "jobType";

-- What a candidate must bring; a change to it sends a live job back for approval.
ALTER TABLE "Job" ADD COLUMN "requirements" TEXT;

-- A candidate may withdraw an application; the recruiter keeps the record and sees when.
ALTER TYPE "ApplicationStatus" ADD VALUE 'WITHDRAWN';
ALTER TABLE "JobApplication" ADD COLUMN "withdrawnAt" TIMESTAMP(3);
