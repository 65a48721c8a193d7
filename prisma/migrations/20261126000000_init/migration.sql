-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('REMOTE_COFFEE', 'NETWORK_COFFEE', 'TUTKITTUA', 'BOOKMOBILE_QUARTER', 'NETWORK_DAY', 'TRAINING', 'CORE_GROUP_MEETING');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('TEAMS', 'SLACK');

-- CreateTable
CREATE TABLE "Library" (
    "id" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "municipalitySv" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "consortium" TEXT,
    "bilingual" BOOLEAN NOT NULL DEFAULT false,
    "ake" BOOLEAN NOT NULL DEFAULT false,
    "sample" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Library_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Network" (
    "id" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "summaryFi" TEXT NOT NULL,
    "summarySv" TEXT NOT NULL,
    "summaryEn" TEXT NOT NULL,
    "sample" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Series" (
    "id" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "networkId" TEXT,
    "titleFi" TEXT NOT NULL,
    "titleSv" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionFi" TEXT NOT NULL DEFAULT '',
    "descriptionSv" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "languages" TEXT[],
    "joinUrl" TEXT,
    "rule" JSONB NOT NULL,
    "hostRotation" TEXT[],
    "sample" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT,
    "occurrenceDate" TEXT,
    "kind" "SessionKind" NOT NULL,
    "networkId" TEXT,
    "titleFi" TEXT NOT NULL,
    "titleSv" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionFi" TEXT NOT NULL DEFAULT '',
    "descriptionSv" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "languages" TEXT[],
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "joinUrl" TEXT,
    "place" TEXT,
    "hostLibraryId" TEXT,
    "capacity" INTEGER,
    "registrationDeadline" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "sample" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "language" TEXT,
    "platformLocale" TEXT,
    "libraryId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionInterest" (
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionInterest_pkey" PRIMARY KEY ("userId","sessionId")
);

-- CreateTable
CREATE TABLE "LoanItem" (
    "id" TEXT NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionFi" TEXT NOT NULL,
    "descriptionSv" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "contentsFi" TEXT[],
    "contentsSv" TEXT[],
    "contentsEn" TEXT[],
    "transitDays" INTEGER NOT NULL DEFAULT 2,
    "maxLoanDays" INTEGER NOT NULL DEFAULT 28,
    "retiredAt" TIMESTAMPTZ(3),
    "sample" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "LoanItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_startsAt_idx" ON "Session"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_seriesId_occurrenceDate_key" ON "Session"("seriesId", "occurrenceDate");

-- CreateIndex
CREATE UNIQUE INDEX "User_platform_platformUserId_key" ON "User"("platform", "platformUserId");

-- AddForeignKey
ALTER TABLE "Series" ADD CONSTRAINT "Series_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_hostLibraryId_fkey" FOREIGN KEY ("hostLibraryId") REFERENCES "Library"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInterest" ADD CONSTRAINT "SessionInterest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInterest" ADD CONSTRAINT "SessionInterest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

