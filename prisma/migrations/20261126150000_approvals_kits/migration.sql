-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "KitBookingStatus" AS ENUM ('REQUESTED', 'APPROVED', 'SENT', 'RECEIVED', 'FORWARDED', 'RETURNED', 'CLOSED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "KitBookingPurpose" AS ENUM ('LOAN', 'MAINTENANCE');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "channelKey" TEXT,
ADD COLUMN     "editsId" TEXT,
ADD COLUMN     "messageRef" JSONB,
ALTER COLUMN "userId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ChatChannel" (
    "key" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fi',
    "coordinators" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChatChannel_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "requesterId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KitBooking" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "purpose" "KitBookingPurpose" NOT NULL DEFAULT 'LOAN',
    "libraryId" TEXT,
    "requesterId" TEXT,
    "contactName" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "useStart" DATE NOT NULL,
    "useEnd" DATE NOT NULL,
    "occupiedStart" DATE NOT NULL,
    "occupiedEnd" DATE NOT NULL,
    "status" "KitBookingStatus" NOT NULL DEFAULT 'REQUESTED',
    "sentOnTo" TEXT,
    "statusAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KitBooking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Approval_status_createdAt_idx" ON "Approval"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_subjectType_subjectId_key" ON "Approval"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "KitBooking_itemId_occupiedEnd_idx" ON "KitBooking"("itemId", "occupiedEnd");

-- CreateIndex
CREATE INDEX "KitBooking_libraryId_status_idx" ON "KitBooking"("libraryId", "status");

-- CreateIndex
CREATE INDEX "Notification_editsId_idx" ON "Notification"("editsId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_channelKey_fkey" FOREIGN KEY ("channelKey") REFERENCES "ChatChannel"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_editsId_fkey" FOREIGN KEY ("editsId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KitBooking" ADD CONSTRAINT "KitBooking_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LoanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KitBooking" ADD CONSTRAINT "KitBooking_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KitBooking" ADD CONSTRAINT "KitBooking_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A notification goes to a user or to a channel, never to neither.
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipient_check"
  CHECK ("userId" IS NOT NULL OR "channelKey" IS NOT NULL);

-- Two live bookings of one item never occupy the same day: checked by the database on
-- every insert and update, so two requests for the same days at the same moment cannot
-- both succeed. btree_gist lets the GiST index compare the item id with "=".
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "KitBooking" ADD CONSTRAINT "KitBooking_no_overlap"
  EXCLUDE USING gist ("itemId" WITH =, daterange("occupiedStart", "occupiedEnd", '[]') WITH &&)
  WHERE (status NOT IN ('REJECTED', 'CANCELLED'));
ALTER TABLE "KitBooking" ADD CONSTRAINT "KitBooking_period_check"
  CHECK ("useStart" <= "useEnd" AND "occupiedStart" <= "useStart" AND "useEnd" <= "occupiedEnd");
