package io.tunnelagent.core.config.json;

import io.tunnelagent.core.ingress.IngressRule;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.request.AccessConfig;
import io.tunnelagent.core.ingress.request.IpRule;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local configuration a connector pushes to the edge with {@code updateLocalConfiguration}, byte for byte as
 * cloudflared writes it:
 * {@code {"__configuration_flags":{…},"ingress":[{"hostname","path","service","originRequest":{…}}],"warp-routing":{…}}}.
 * Each rule's {@code originRequest} holds only the resolved values that differ from cloudflared's defaults (the
 * global options are folded into every rule); durations are seconds; flags are sorted by name and the object is
 * left out when there are none.
 */
public final class LocalConfiguration {

    private LocalConfiguration() {}

    /**
     * Writes the JSON.
     *
     * @param rules the compiled rules in use
     * @param warpRouting the warp-routing settings in use
     * @param configurationFlags the reported flags, e.g. {@code ConfigFlags.reportedFlags()}
     */
    public static String toJson(
            IngressRules rules, WarpRoutingConfig warpRouting, Map<String, String> configurationFlags) {
        GoJsonWriter json = new GoJsonWriter().beginObject();
        if (!configurationFlags.isEmpty()) {
            json.name("__configuration_flags").beginObject();
            new TreeMap<>(configurationFlags)
                    .forEach((name, value) -> json.name(name).value(value));
            json.endObject();
        }
        json.name("ingress").beginArray();
        for (IngressRule rule : rules.rules()) {
            writeRule(json, rule, rules.isFallback());
        }
        json.endArray();
        writeWarpRouting(json.name("warp-routing"), warpRouting);
        return json.endObject().toString();
    }

    private static void writeRule(GoJsonWriter json, IngressRule rule, boolean fallback) {
        json.beginObject();
        if (!rule.hostname().isEmpty()) {
            json.name("hostname").value(rule.hostname());
        }
        String path = rule.path();
        if (path != null) {
            json.name("path").value(path);
        }
        json.name("service").value(rule.service().serviceString());
        json.name("originRequest").beginObject();
        if (fallback) {
            // cloudflared's built-in 503 rule carries a zero-valued configuration, which differs from every default.
            json.name("connectTimeout")
                    .value(0)
                    .name("tlsTimeout")
                    .value(0)
                    .name("tcpKeepAlive")
                    .value(0);
            json.name("keepAliveConnections")
                    .value(0)
                    .name("keepAliveTimeout")
                    .value(0)
                    .name("proxyAddress")
                    .value("");
        } else {
            writeOriginRequest(json, rule.config());
        }
        json.endObject();
        json.endObject();
    }

    private static void writeOriginRequest(GoJsonWriter json, OriginRequestConfig c) {
        duration(json, "connectTimeout", c.connectTimeout(), OriginRequestConfig.DEFAULT_CONNECT_TIMEOUT);
        duration(json, "tlsTimeout", c.tlsTimeout(), OriginRequestConfig.DEFAULT_TLS_TIMEOUT);
        duration(json, "tcpKeepAlive", c.tcpKeepAlive(), OriginRequestConfig.DEFAULT_TCP_KEEP_ALIVE);
        flag(json, "noHappyEyeballs", c.noHappyEyeballs());
        if (c.keepAliveConnections() != OriginRequestConfig.DEFAULT_KEEP_ALIVE_CONNECTIONS) {
            json.name("keepAliveConnections").value(c.keepAliveConnections());
        }
        duration(json, "keepAliveTimeout", c.keepAliveTimeout(), OriginRequestConfig.DEFAULT_KEEP_ALIVE_TIMEOUT);
        text(json, "httpHostHeader", c.httpHostHeader());
        text(json, "originServerName", c.originServerName());
        flag(json, "matchSNItoHost", c.matchSniToHost());
        text(json, "caPool", c.caPool());
        flag(json, "noTLSVerify", c.noTlsVerify());
        flag(json, "disableChunkedEncoding", c.disableChunkedEncoding());
        flag(json, "bastionMode", c.bastionMode());
        if (!c.proxyAddress().equals(OriginRequestConfig.DEFAULT_PROXY_ADDRESS)) {
            json.name("proxyAddress").value(c.proxyAddress());
        }
        if (c.proxyPort() != 0) {
            json.name("proxyPort").value(c.proxyPort());
        }
        text(json, "proxyType", c.proxyType());
        if (!c.ipRules().isEmpty()) {
            json.name("ipRules").beginArray();
            c.ipRules().forEach(rule -> writeIpRule(json, rule));
            json.endArray();
        }
        flag(json, "http2Origin", c.http2Origin());
        AccessConfig access = c.access();
        if (access != null && access.required()) {
            writeAccess(json.name("access"), access);
        }
    }

    private static void writeIpRule(GoJsonWriter json, IpRule rule) {
        json.beginObject().name("prefix").value(rule.cidr()).name("ports");
        if (rule.ports().isEmpty()) {
            json.nullValue();
        } else {
            json.beginArray();
            rule.ports().forEach(port -> json.value((long) port));
            json.endArray();
        }
        json.name("allow").value(rule.allow()).endObject();
    }

    private static void writeAccess(GoJsonWriter json, AccessConfig access) {
        json.beginObject()
                .name("required")
                .value(true)
                .name("teamName")
                .value(access.teamName())
                .name("audTag");
        if (access.audTags().isEmpty()) {
            json.nullValue();
        } else {
            json.beginArray();
            access.audTags().forEach(json::value);
            json.endArray();
        }
        if (!access.environment().isEmpty()) {
            json.name("environment").value(access.environment());
        }
        json.endObject();
    }

    private static void writeWarpRouting(GoJsonWriter json, WarpRoutingConfig warp) {
        json.beginObject();
        duration(json, "connectTimeout", warp.connectTimeout(), WarpRoutingConfig.DEFAULT_CONNECT_TIMEOUT);
        if (warp.maxActiveFlows() != 0) {
            json.name("maxActiveFlows").value(warp.maxActiveFlows());
        }
        duration(json, "tcpKeepAlive", warp.tcpKeepAlive(), WarpRoutingConfig.DEFAULT_TCP_KEEP_ALIVE);
        json.endObject();
    }

    private static void duration(GoJsonWriter json, String name, Duration value, Duration defaultValue) {
        if (!value.equals(defaultValue)) {
            json.name(name).seconds(value);
        }
    }

    private static void flag(GoJsonWriter json, String name, boolean value) {
        if (value) {
            json.name(name).value(true);
        }
    }

    private static void text(GoJsonWriter json, String name, String value) {
        if (!value.isEmpty()) {
            json.name(name).value(value);
        }
    }
}
