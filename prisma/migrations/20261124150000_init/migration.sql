-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "campaignId" TEXT,
    "fingerprint" TEXT NOT NULL,
    "contentKey" TEXT NOT NULL,
    "factors" TEXT NOT NULL,
    "measurements" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scenarios" TEXT NOT NULL DEFAULT '[]',
    "iterations" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "duration" REAL,
    "startTime" REAL,
    CONSTRAINT "Run_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "parser" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    CONSTRAINT "Source_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Workload" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "startTime" REAL,
    "loadDuration" REAL,
    "fullDuration" REAL,
    "iterations" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "stats" TEXT NOT NULL,
    "samples" BLOB,
    "durations" BLOB,
    CONSTRAINT "Workload_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Iteration" (
    "workloadId" TEXT NOT NULL,
    "i" INTEGER NOT NULL,
    "timestamp" REAL NOT NULL,
    "duration" REAL NOT NULL,
    "idleDuration" REAL NOT NULL,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "errorTraceback" TEXT,
    "atomics" TEXT NOT NULL,

    PRIMARY KEY ("workloadId", "i"),
    CONSTRAINT "Iteration_workloadId_fkey" FOREIGN KEY ("workloadId") REFERENCES "Workload" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "workloadId" TEXT,
    CONSTRAINT "Metric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Capture" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "packets" INTEGER NOT NULL,
    "bytes" REAL NOT NULL,
    "firstTime" REAL,
    "lastTime" REAL,
    "undecoded" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    CONSTRAINT "Capture_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL DEFAULT 'queued',
    "input" TEXT NOT NULL,
    "runs" TEXT NOT NULL DEFAULT '[]',
    "members" TEXT NOT NULL DEFAULT '[]',
    "warnings" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Share" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "view" TEXT NOT NULL,
    "runIds" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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

