package io.tunnelagent.core.config.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a command prints and how it exits.
 *
 * @param lines the lines printed to standard output
 * @param error the error message printed last (to standard error), or {@code null}
 * @param exitStatus the process exit status: 0 on success, 1 on error
 */
public record CommandOutput(List<String> lines, @Nullable String error, int exitStatus) {

    public CommandOutput {
        lines = List.copyOf(lines);
    }

    static CommandOutput success(List<String> lines) {
        return new CommandOutput(lines, null, 0);
    }

    static CommandOutput failure(List<String> lines, String error) {
        return new CommandOutput(lines, error, 1);
    }

    /** Everything printed, output lines then the error, each ending with a newline. */
    public String text() {
        List<String> all = new ArrayList<>(this.lines);
        if (this.error != null) {
            all.add(this.error);
        }
        StringBuilder out = new StringBuilder();
        all.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
