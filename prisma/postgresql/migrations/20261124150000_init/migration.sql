-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "campaignId" TEXT,
    "fingerprint" TEXT NOT NULL,
    "contentKey" TEXT NOT NULL,
    "factors" TEXT NOT NULL,
    "measurements" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scenarios" TEXT NOT NULL DEFAULT '[]',
    "iterations" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "duration" DOUBLE PRECISION,
    "startTime" DOUBLE PRECISION,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "parser" TEXT NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workload" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "taskUuid" TEXT,
    "taskTitle" TEXT,
    "uuid" TEXT,
    "position" INTEGER NOT NULL,
    "scenario" TEXT NOT NULL,
    "args" TEXT NOT NULL,
    "runner" TEXT NOT NULL,
    "contexts" TEXT NOT NULL,
    "slaConfig" TEXT NOT NULL,
    "slaResults" TEXT NOT NULL,
    "hooks" TEXT NOT NULL,
    "matchKey" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL DEFAULT '',
    "format" TEXT NOT NULL DEFAULT '',
    "timestampsKnown" BOOLEAN NOT NULL DEFAULT true,
    "startTime" DOUBLE PRECISION,
    "loadDuration" DOUBLE PRECISION,
    "fullDuration" DOUBLE PRECISION,
    "iterations" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "stats" TEXT NOT NULL,
    "samples" BYTEA,
    "durations" BYTEA,

    CONSTRAINT "Workload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Iteration" (
    "workloadId" TEXT NOT NULL,
    "i" INTEGER NOT NULL,
    "timestamp" DOUBLE PRECISION NOT NULL,
    "duration" DOUBLE PRECISION NOT NULL,
    "idleDuration" DOUBLE PRECISION NOT NULL,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "errorTraceback" TEXT,
    "atomics" TEXT NOT NULL,

    CONSTRAINT "Iteration_pkey" PRIMARY KEY ("workloadId","i")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "workloadId" TEXT,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Capture" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "packets" INTEGER NOT NULL,
    "bytes" DOUBLE PRECISION NOT NULL,
    "firstTime" DOUBLE PRECISION,
    "lastTime" DOUBLE PRECISION,
    "undecoded" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,

    CONSTRAINT "Capture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL DEFAULT 'queued',
    "input" TEXT NOT NULL,
    "runs" TEXT NOT NULL DEFAULT '[]',
    "members" TEXT NOT NULL DEFAULT '[]',
    "warnings" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Share" (
    "slug" TEXT NOT NULL,
    "view" TEXT NOT NULL,
    "runIds" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Share_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_name_key" ON "Campaign"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Run_contentKey_key" ON "Run"("contentKey");

-- CreateIndex
CREATE INDEX "Run_fingerprint_idx" ON "Run"("fingerprint");

-- CreateIndex
CREATE INDEX "Run_campaignId_idx" ON "Run"("campaignId");

-- CreateIndex
CREATE INDEX "Run_createdAt_idx" ON "Run"("createdAt");

-- CreateIndex
CREATE INDEX "Source_sha256_idx" ON "Source"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Source_runId_sha256_key" ON "Source"("runId", "sha256");

-- CreateIndex
CREATE INDEX "Workload_runId_dedupeKey_idx" ON "Workload"("runId", "dedupeKey");

-- CreateIndex
CREATE INDEX "Workload_matchKey_idx" ON "Workload"("matchKey");

-- CreateIndex
CREATE INDEX "Metric_runId_idx" ON "Metric"("runId");

-- CreateIndex
CREATE INDEX "Metric_name_idx" ON "Metric"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Capture_runId_sha256_key" ON "Capture"("runId", "sha256");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workload" ADD CONSTRAINT "Workload_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Iteration" ADD CONSTRAINT "Iteration_workloadId_fkey" FOREIGN KEY ("workloadId") REFERENCES "Workload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Capture" ADD CONSTRAINT "Capture_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

