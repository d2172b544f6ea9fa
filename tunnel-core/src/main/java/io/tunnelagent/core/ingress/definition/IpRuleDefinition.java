package io.tunnelagent.core.ingress.definition;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One IP access rule of a {@code socks-proxy} service ({@code originRequest.ipRules[*]}). */
public final class IpRuleDefinition {

    /** Destination network in CIDR form, e.g. {@code 10.0.0.0/8}. */
    private @Nullable String prefix;

    /** Destination ports the rule applies to (1..65535); empty means every port. */
    private List<Integer> ports = new ArrayList<>();

    /** Whether matching destinations are allowed (otherwise denied). */
    private boolean allow;

    /** Creates a rule for the given prefix, ports and decision. */
    public static IpRuleDefinition of(@Nullable String prefix, List<Integer> ports, boolean allow) {
        IpRuleDefinition rule = new IpRuleDefinition();
        rule.setPrefix(prefix);
        rule.setPorts(new ArrayList<>(ports));
        rule.setAllow(allow);
        return rule;
    }

    public @Nullable String getPrefix() {
        return this.prefix;
    }

    public void setPrefix(@Nullable String prefix) {
        this.prefix = prefix;
    }

    public List<Integer> getPorts() {
        return this.ports;
    }

    public void setPorts(@Nullable List<Integer> ports) {
        this.ports = (ports != null) ? ports : new ArrayList<>();
    }

    public boolean isAllow() {
        return this.allow;
    }

    public void setAllow(boolean allow) {
        this.allow = allow;
    }
}
