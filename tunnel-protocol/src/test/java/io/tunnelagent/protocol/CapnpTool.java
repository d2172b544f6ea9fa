package io.tunnelagent.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference Cap'n Proto tool: {@code capnp} from the PATH, else the static linux x86-64 build of capnp
 * 0.5.3 from the test dependency {@code org.expretio.capnp:capnp-natives}, extracted to {@code target/}. Set the
 * system property {@code tunnel.capnp.tool=bundled} to force the bundled build.
 */
public final class CapnpTool {

    private static final String BUNDLED = "org/expretio/capnp/natives/linux/x86-64/capnp";

    private final Path executable;
    private final Path schemaDirectory;

    private CapnpTool(Path executable, Path schemaDirectory) {
        this.executable = executable;
        this.schemaDirectory = schemaDirectory;
    }

    /**
     * Finds the tool and copies the test schemas to {@code target/capnp-schemas}.
     *
     * @return the tool
     * @throws IllegalStateException with installation advice if no tool is available
     */
    public static CapnpTool locate() {
        try {
            Path schemas = Path.of("target", "capnp-schemas");
            Files.createDirectories(schemas);
            for (String name : new String[] {"quic_metadata_protocol.capnp", "tunnelrpc.capnp"}) {
                Files.write(schemas.resolve(name), TestBytes.resource("capnp/" + name));
            }
            return new CapnpTool(findExecutable(), schemas);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Runs {@code capnp decode --short <schema> <type>}.
     *
     * @param schema the schema file name, e.g. {@code tunnelrpc.capnp}
     * @param type the root struct name
     * @param frame the framed message
     * @return the one-line text output, trimmed, with string literals {@link #normalize normalized}
     */
    public String decode(String schema, String type, byte[] frame) {
        return normalize(
                new String(run(frame, "decode", "--short", schema, type), StandardCharsets.ISO_8859_1).strip());
    }

    /**
     * Rewrites every string literal of capnp's text output as the hex of its bytes, so that outputs of capnp
     * versions that escape differently (0.9 prints octal escapes, 0.5 hex escapes and raw DEL) compare equal.
     *
     * @param text capnp text output or an expected text
     * @return the text with literals in canonical form
     */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c != '"') {
                out.append(c);
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < text.length() && text.charAt(i) != '"') {
                char d = text.charAt(i++);
                if (d != '\\') {
                    bytes.write(d);
                    continue;
                }
                char e = text.charAt(i++);
                if (e == 'x') {
                    int end = i;
                    while (end < text.length() && end < i + 2 && Character.digit(text.charAt(end), 16) >= 0) {
                        end++;
                    }
                    bytes.write(Integer.parseInt(text.substring(i, end), 16));
                    i = end;
                } else if (e >= '0' && e <= '7') {
                    int end = i - 1;
                    while (end < text.length() && end < i + 2 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
                        end++;
                    }
                    bytes.write(Integer.parseInt(text.substring(i - 1, end), 8));
                    i = end;
                } else {
                    bytes.write(simpleEscape(e));
                }
            }
            i++;
            out.append("0x\"")
                    .append(java.util.HexFormat.of().formatHex(bytes.toByteArray()))
                    .append('"');
        }
        return out.toString();
    }

    private static int simpleEscape(char e) {
        switch (e) {
            case 'a':
                return 7;
            case 'b':
                return 8;
            case 'f':
                return 12;
            case 'n':
                return 10;
            case 'r':
                return 13;
            case 't':
                return 9;
            case 'v':
                return 11;
            default:
                return e;
        }
    }

    /**
     * Runs {@code capnp encode <schema> <type>}.
     *
     * @param schema the schema file name
     * @param type the root struct name
     * @param text the struct literal
     * @return the framed message
     */
    public byte[] encode(String schema, String type, String text) {
        return run(text.getBytes(StandardCharsets.UTF_8), "encode", schema, type);
    }

    /**
     * Returns the executable used.
     *
     * @return its path
     */
    public Path executable() {
        return executable;
    }

    private byte[] run(byte[] input, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = executable.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(schemaDirectory.toFile())
                    .redirectErrorStream(false)
                    .start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("capnp " + arguments[0] + " did not finish within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("capnp " + String.join(" ", arguments) + " failed: "
                        + new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            }
            return stdout.get(5, TimeUnit.SECONDS);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("capnp " + arguments[0] + " failed", ex);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path findExecutable() throws IOException {
        if (!"bundled".equals(System.getProperty("tunnel.capnp.tool"))) {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(directory, "capnp");
                if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        try (InputStream bundled = CapnpTool.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (bundled != null && os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
                Path target = Path.of("target", "capnp-natives", "capnp");
                Files.createDirectories(target.getParent());
                Files.copy(bundled, target, StandardCopyOption.REPLACE_EXISTING);
                if (target.toFile().setExecutable(true)) {
                    return target.toAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("The Cap'n Proto reference tool 'capnp' is needed by this test but was not"
                + " found on the PATH, and the bundled linux x86-64 build cannot run here. Install it: 'apt-get"
                + " install capnproto' (Debian/Ubuntu), 'brew install capnp' (macOS), or see"
                + " https://capnproto.org/install.html");
    }
}
