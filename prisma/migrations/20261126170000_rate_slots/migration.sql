-- CreateTable
CREATE TABLE "RateSlot" (
    "key" TEXT NOT NULL,
    "next" TIMESTAMPTZ(3) NOT NULL,
    "queued" TIMESTAMPTZ(3),

    CONSTRAINT "RateSlot_pkey" PRIMARY KEY ("key")
);
