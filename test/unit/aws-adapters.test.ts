import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SnsCaseEventPublisher, SnsSmsSender } from '../../lib/adapters/sms/sns.js';
import { FIELD_KEY_CONTEXT, KmsDataKeySource } from '../../lib/adapters/crypto/kms-data-keys.js';
import { createCipheriv, randomBytes } from 'node:crypto';
import { FieldCipher } from '../../lib/adapters/crypto/field-cipher.js';

const sns = mockClient(SNSClient);
const kms = mockClient(KMSClient);

beforeEach(() => {
  sns.reset();
  kms.reset();
});

describe('the SNS SMS adapter', () => {
  it('publishes a transactional SMS straight to the phone number', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const sender = new SnsSmsSender(new SNSClient({ region: 'ap-southeast-3' }), 'PMINTB');

    const result = await sender.send({ id: 'alert.c1.kab-5203.L1', to: '+6281100005003', text: 'PMI NTB ABC-234 SEGERA' });

    expect(result).toEqual({ ok: true, providerMessageId: 'sns-1' });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      PhoneNumber: '+6281100005003',
      Message: 'PMI NTB ABC-234 SEGERA',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'PMINTB' },
      },
    });
  });

  it('treats throttling as retryable and a bad number as final', async () => {
    const sender = new SnsSmsSender(new SNSClient({ region: 'ap-southeast-3' }));
    sns.on(PublishCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottledException' }))
      .rejectsOnce(Object.assign(new Error('bad number'), { name: 'InvalidParameterException' }));

    expect(await sender.send({ id: 'm', to: '+6281100005003', text: 'x' })).toEqual({ ok: false, reason: 'ThrottledException', retryable: true });
    expect(await sender.send({ id: 'm', to: '+6281100005003', text: 'x' })).toEqual({ ok: false, reason: 'InvalidParameterException', retryable: false });
  });

  it('publishes case events with filterable attributes and no personal data', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'e1' });
    const publisher = new SnsCaseEventPublisher(new SNSClient({ region: 'ap-southeast-3' }), 'arn:aws:sns:ap-southeast-3:000000000000:events');

    await publisher.publish({ event: 'case_created', reference: 'ABC-234', regency: '5203', category: 'trafficking', urgency: 'urgent', status: 'new', level: 1, at: '2026-11-23T00:00:00.000Z' });

    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.TopicArn).toContain(':events');
    expect(input.MessageAttributes?.urgency?.StringValue).toBe('urgent');
    expect(input.MessageAttributes?.regency?.StringValue).toBe('5203');
    expect(Object.keys(JSON.parse(input.Message!)).sort()).toEqual(['at', 'category', 'event', 'level', 'reference', 'regency', 'status', 'urgency']);
  });
});

const nik = { pk: 'CASE#a', sk: 'CASE', field: 'nik' };
const contact = { pk: 'CASE#a', sk: 'CASE', field: 'contact' };
const description = { pk: 'CASE#a', sk: 'CASE', field: 'description' };

describe('envelope encryption with KMS', () => {
  it('asks KMS for one data key, reuses it, and opens its own ciphertext without another call', async () => {
    const plaintext = new Uint8Array(32).fill(7);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: plaintext, CiphertextBlob: new Uint8Array([1, 2, 3]) });
    const cipher = new FieldCipher(new KmsDataKeySource(new KMSClient({ region: 'ap-southeast-3' }), 'alias/fields'), 'lookup');

    const a = await cipher.encrypt('5203014507900001', nik);
    const b = await cipher.encrypt('+6281234567890', contact);

    expect(await cipher.decrypt(a, nik)).toBe('5203014507900001');
    expect(await cipher.decrypt(b, contact)).toBe('+6281234567890');
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    // The data key is bound to its use by an encryption context, which KMS logs in CloudTrail.
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({ KeyId: 'alias/fields', KeySpec: 'AES_256', EncryptionContext: FIELD_KEY_CONTEXT });
    expect(kms.commandCalls(DecryptCommand)).toHaveLength(0);
  });

  it('decrypts a data key written by another instance through KMS', async () => {
    const key = new Uint8Array(32).fill(9);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: key, CiphertextBlob: new Uint8Array([4, 5, 6]) });
    kms.on(DecryptCommand).resolves({ Plaintext: key });
    const writer = new FieldCipher(new KmsDataKeySource(new KMSClient({ region: 'ap-southeast-3' }), 'alias/fields'), 'lookup');
    const reader = new FieldCipher(new KmsDataKeySource(new KMSClient({ region: 'ap-southeast-3' }), 'alias/fields'), 'lookup');

    const sealed = await writer.encrypt('gaji tidak dibayar', description);

    expect(await reader.decrypt(sealed, description)).toBe('gaji tidak dibayar');
    expect(Buffer.from(kms.commandCalls(DecryptCommand)[0]!.args[0].input.CiphertextBlob!)).toEqual(Buffer.from([4, 5, 6]));
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toEqual(FIELD_KEY_CONTEXT);
  });

  it('opens a v1 data key (written before the encryption context) without a context', async () => {
    const key = new Uint8Array(32).fill(3);
    kms.on(DecryptCommand).resolves({ Plaintext: key });
    const reader = new FieldCipher(new KmsDataKeySource(new KMSClient({ region: 'ap-southeast-3' }), 'alias/fields'), 'lookup');
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', Buffer.from(key), iv);
    const body = Buffer.concat([gcm.update('gaji', 'utf8'), gcm.final()]);
    const v1 = ['v1', Buffer.from([7, 7, 7]).toString('base64url'), iv.toString('base64url'), body.toString('base64url'), gcm.getAuthTag().toString('base64url')].join('.');

    expect(await reader.decrypt(v1, description)).toBe('gaji');
    expect(kms.commandCalls(DecryptCommand)[0]!.args[0].input.EncryptionContext).toBeUndefined();
  });
});
