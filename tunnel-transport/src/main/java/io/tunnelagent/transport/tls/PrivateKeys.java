package io.tunnelagent.transport.tls;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * Decodes unencrypted private keys from PEM with the JDK only: PKCS#8 ({@code PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}, RFC 5915) and PKCS#1 ({@code RSA PRIVATE KEY}, RFC 8017). The two "traditional" forms
 * are rewrapped as PKCS#8 (RFC 5208) before the JDK's key factories read them.
 */
final class PrivateKeys {

    private static final byte[] OID_EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] OID_RSA_ENCRYPTION = {
        0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
    };
    private static final List<String> ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS");

    private PrivateKeys() {}

    /**
     * Decodes the first private key block of a PEM text.
     *
     * @param pem the PEM text
     * @return the key
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    static PrivateKey decode(String pem) {
        for (Pem.Block block : Pem.blocks(pem)) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return fromPkcs8(block.der());
                case "EC PRIVATE KEY":
                    rejectEncrypted(block);
                    return fromPkcs8(sec1ToPkcs8(block.der()));
                case "RSA PRIVATE KEY":
                    rejectEncrypted(block);
                    return fromPkcs8(
                            pkcs8(algorithmIdentifier(OID_RSA_ENCRYPTION, new byte[] {0x05, 0x00}), block.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException(
                            "the key is encrypted; decrypt it first (openssl pkcs8 -topk8 -nocrypt)");
                default:
                // not a key: a certificate or parameters, skip
            }
        }
        throw new IllegalArgumentException(
                "no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block found; expected an unencrypted PEM key");
    }

    private static void rejectEncrypted(Pem.Block block) {
        if (block.headers().contains("ENCRYPTED")) {
            throw new IllegalArgumentException(
                    "the key is encrypted; decrypt it first (openssl pkcs8 -topk8 -nocrypt)");
        }
    }

    private static PrivateKey fromPkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException ex) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("unsupported or malformed PKCS#8 key (expected EC, RSA or EdDSA)");
    }

    /** SEC1 {@code ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] pub }}. */
    private static byte[] sec1ToPkcs8(byte[] sec1) {
        Der sequence = new Der(sec1).enter(0x30);
        sequence.skip(0x02);
        sequence.skip(0x04);
        byte[] curve = null;
        while (sequence.hasMore()) {
            int tag = sequence.peekTag();
            if (tag == 0xa0) {
                curve = sequence.enter(0xa0).element(0x06);
            } else {
                sequence.skip(tag);
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("EC PRIVATE KEY has no named curve; convert it to PKCS#8");
        }
        return pkcs8(algorithmIdentifier(OID_EC_PUBLIC_KEY, curve), sec1);
    }

    private static byte[] algorithmIdentifier(byte[] oid, byte[] parameters) {
        return Der.encode(0x30, concat(Der.encode(0x06, oid), parameters));
    }

    private static byte[] pkcs8(byte[] algorithm, byte[] privateKey) {
        byte[] version = {0x02, 0x01, 0x00};
        return Der.encode(0x30, concat(version, algorithm, Der.encode(0x04, privateKey)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The few DER operations needed here: read a TLV, step into a constructed one, write one. */
    private static final class Der {

        private final byte[] bytes;
        private int position;
        private final int end;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int peekTag() {
            check(position < end);
            return bytes[position] & 0xff;
        }

        Der enter(int tag) {
            int length = header(tag);
            Der inner = new Der(bytes, position, position + length);
            position += length;
            return inner;
        }

        byte[] element(int tag) {
            int start = position;
            int length = header(tag);
            position += length;
            byte[] out = new byte[position - start];
            System.arraycopy(bytes, start, out, 0, out.length);
            return out;
        }

        void skip(int tag) {
            int length = header(tag);
            position += length;
        }

        private int header(int tag) {
            check(position + 2 <= end && (bytes[position] & 0xff) == tag);
            position++;
            int length = bytes[position++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                check(count >= 1 && count <= 3 && position + count <= end);
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[position++] & 0xff);
                }
            }
            check(position + length <= end);
            return length;
        }

        private static void check(boolean condition) {
            if (!condition) {
                throw new IllegalArgumentException("malformed DER in the key");
            }
        }

        static byte[] encode(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else if (length < 0x100) {
                out.write(0x81);
                out.write(length);
            } else if (length < 0x10000) {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length);
            } else {
                out.write(0x83);
                out.write(length >> 16);
                out.write(length >> 8);
                out.write(length);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }
    }
}
