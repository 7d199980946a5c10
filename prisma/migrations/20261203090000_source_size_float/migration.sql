-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "parser" TEXT NOT NULL,
    "size" REAL NOT NULL,
    CONSTRAINT "Source_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Source" ("id", "parser", "path", "runId", "sha256", "size") SELECT "id", "parser", "path", "runId", "sha256", "size" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE INDEX "Source_sha256_idx" ON "Source"("sha256");
CREATE UNIQUE INDEX "Source_runId_sha256_key" ON "Source"("runId", "sha256");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

