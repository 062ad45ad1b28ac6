-- Sessions as a unit: one row per refresh-token family, revoked as a whole (hand-written).

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "user_agent" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- One session per existing family. Every revocation so far was of whole families (logout,
-- password change, reuse detection), so a family with any revoked token was ended: its session
-- is revoked as of the latest revocation (this also ends a token that a rotation racing the
-- revocation inserted unrevoked). last_used_at: when its newest token was issued.
INSERT INTO "sessions" ("id", "user_id", "created_at", "last_used_at", "revoked_at")
SELECT "family_id",
       (array_agg("user_id"))[1],
       min("created_at"),
       max("created_at"),
       max("revoked_at")
FROM "refresh_tokens"
GROUP BY "family_id";

-- AlterTable: a token's family decides whether it is revoked
ALTER TABLE "refresh_tokens" DROP COLUMN "revoked_at";

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_id_fkey" FOREIGN KEY ("family_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
