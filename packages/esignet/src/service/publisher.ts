import type { Logger } from '@facegate/core';
import type { IdentityVerificationResult } from '../protocol/wire';

/** Sends result messages on to signup-service. */
export interface ResultPublisher {
  /** Publish in order; resolves when the broker acknowledged all of them. */
  publish(results: readonly IdentityVerificationResult[]): Promise<void>;
  /** Disconnect from the broker. */
  close(): Promise<void>;
}

/** The slice of a kafkajs producer the publisher uses. */
export interface KafkaProducerLike {
  /** Connect to the brokers. */
  connect(): Promise<void>;
  /** Send records to a topic. */
  send(record: {
    topic: string;
    acks?: number;
    messages: { key: string; value: string; headers?: Record<string, string> }[];
  }): Promise<unknown>;
  /** Disconnect. */
  disconnect(): Promise<void>;
}

/** Options of {@link createKafkaPublisher}. */
export interface KafkaPublisherOptions {
  brokers: string[];
  clientId: string;
  topic: string;
  logger: Logger;
  /** A ready producer (tests); default: a kafkajs producer for `brokers`. */
  producer?: KafkaProducerLike;
}

/**
 * Publish to signup-service's result topic as its Spring consumer reads it:
 * the value is the `IdentityVerificationResult` JSON (its `JsonDeserializer`
 * is bound to that class), keyed by slot id so one slot's messages stay in
 * order on one partition. No `__TypeId__` header: with one, Spring would try
 * to load the named class and refuse it as untrusted.
 */
export async function createKafkaPublisher(options: KafkaPublisherOptions): Promise<ResultPublisher> {
  let producer = options.producer;
  if (!producer) {
    const { Kafka, logLevel } = await import('kafkajs');
    producer = new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: logLevel.WARN }).producer({
      allowAutoTopicCreation: false,
      idempotent: false,
    });
  }
  const connected = producer.connect();
  connected.catch(() => {});
  const p = producer;
  return {
    async publish(results) {
      if (results.length === 0) return;
      await connected;
      await p.send({
        topic: options.topic,
        acks: -1,
        messages: results.map((r) => ({ key: r.id, value: JSON.stringify(r) })),
      });
      options.logger.debug({ count: results.length, topic: options.topic }, 'results published');
    },
    close: () => p.disconnect(),
  };
}
