-- The outbox's lease: the one relay (replica) allowed to publish until expires_at.
-- CreateTable
CREATE TABLE "outbox_lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_lease_pkey" PRIMARY KEY ("name")
);
