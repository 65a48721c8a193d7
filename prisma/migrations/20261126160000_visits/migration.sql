-- CreateEnum
CREATE TYPE "VisitLanguages" AS ENUM ('FI', 'SV', 'BOTH');

-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('REQUESTED', 'AWAITING_HOST', 'HOST_PROPOSED', 'CONFIRMED', 'TO_BE_PAID', 'PAID', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "VisitHost" (
    "id" TEXT NOT NULL,
    "libraryId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "municipality" TEXT NOT NULL DEFAULT '',
    "languages" "VisitLanguages" NOT NULL,
    "areas" TEXT[],
    "contactId" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VisitHost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "dates" TEXT[],
    "days" INTEGER NOT NULL,
    "focus" TEXT NOT NULL,
    "languagePractice" BOOLEAN NOT NULL DEFAULT false,
    "travelMode" TEXT NOT NULL,
    "travelCents" INTEGER NOT NULL,
    "accommodationCents" INTEGER NOT NULL,
    "costsConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "message" TEXT NOT NULL DEFAULT '',
    "status" "VisitStatus" NOT NULL DEFAULT 'REQUESTED',
    "proposedDate" TEXT,
    "hostNote" TEXT NOT NULL DEFAULT '',
    "confirmedDate" TEXT,
    "actualTravelCents" INTEGER,
    "actualAccommodationCents" INTEGER,
    "experience" TEXT,
    "publishConsent" BOOLEAN NOT NULL DEFAULT false,
    "reportedAt" TIMESTAMPTZ(3),
    "paidAt" TIMESTAMPTZ(3),
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VisitHost_libraryId_key" ON "VisitHost"("libraryId");

-- CreateIndex
CREATE INDEX "Visit_status_confirmedDate_idx" ON "Visit"("status", "confirmedDate");

-- CreateIndex
CREATE INDEX "Visit_visitorId_idx" ON "Visit"("visitorId");

-- CreateIndex
CREATE INDEX "Visit_hostId_idx" ON "Visit"("hostId");

-- AddForeignKey
ALTER TABLE "VisitHost" ADD CONSTRAINT "VisitHost_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitHost" ADD CONSTRAINT "VisitHost_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "VisitHost"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

