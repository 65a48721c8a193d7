-- CreateTable
CREATE TABLE "ChannelSubscription" (
    "channelKey" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelSubscription_pkey" PRIMARY KEY ("channelKey","topic")
);

-- CreateIndex
CREATE INDEX "ChannelSubscription_topic_idx" ON "ChannelSubscription"("topic");

-- AddForeignKey
ALTER TABLE "ChannelSubscription" ADD CONSTRAINT "ChannelSubscription_channelKey_fkey" FOREIGN KEY ("channelKey") REFERENCES "ChatChannel"("key") ON DELETE CASCADE ON UPDATE CASCADE;

