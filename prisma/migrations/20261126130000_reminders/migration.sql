-- AlterTable
ALTER TABLE "User" ADD COLUMN     "remindersPausedUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ReminderSetting" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReminderSetting_pkey" PRIMARY KEY ("userId","kind")
);

-- AddForeignKey
ALTER TABLE "ReminderSetting" ADD CONSTRAINT "ReminderSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

