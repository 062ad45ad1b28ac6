-- Accounts deleted (identity.account-deleted.v1): their posts are gone and they may not post
-- or like again, whatever access token they still hold.
-- CreateTable
CREATE TABLE "deleted_users" (
    "user_id" UUID NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deleted_users_pkey" PRIMARY KEY ("user_id")
);
