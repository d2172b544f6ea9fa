package io.tunnelagent.autoconfigure.health;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Adds the {@code tunnel} contributor to the {@code readiness} probe group, the way a Kubernetes readiness check
 * should see a tunnel: not ready until the edge can route to this instance. Liveness is left alone (a lost edge must
 * not restart the application). When the application configures the group's members itself
 * ({@code management.endpoint.health.group.readiness.include} or {@code .exclude}), that choice stands.
 *
 * <p>Runs after Boot's availability probes post-processor, which creates the group: both have the lowest precedence
 * and this one is registered later ({@link TunnelHealthContributorAutoConfiguration} is ordered after Boot's
 * {@code AvailabilityProbesAutoConfiguration}).
 */
@Order(Ordered.LOWEST_PRECEDENCE)
final class ReadinessGroupPostProcessor implements HealthEndpointGroupsPostProcessor {

    static final String READINESS = "readiness";

    static final String GROUP_PROPERTIES = "management.endpoint.health.group.readiness.";

    private final String contributor;

    private final boolean configuredByApplication;

    ReadinessGroupPostProcessor(String contributor, Environment environment) {
        this.contributor = contributor;
        this.configuredByApplication = configured(environment, "include") || configured(environment, "exclude");
    }

    private static boolean configured(Environment environment, String members) {
        String name = GROUP_PROPERTIES + members;
        return environment.containsProperty(name) || environment.containsProperty(name + "[0]");
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        if (this.configuredByApplication || groups.get(READINESS) == null) {
            return groups;
        }
        return new Groups(groups, this.contributor);
    }

    /** The groups, with the readiness group's members extended; keeps the probes' additional paths. */
    private static final class Groups implements HealthEndpointGroups, AdditionalPathsMapper {

        private final HealthEndpointGroups delegate;

        private final String contributor;

        Groups(HealthEndpointGroups delegate, String contributor) {
            this.delegate = delegate;
            this.contributor = contributor;
        }

        @Override
        public HealthEndpointGroup getPrimary() {
            return this.delegate.getPrimary();
        }

        @Override
        public Set<String> getNames() {
            return this.delegate.getNames();
        }

        @Override
        public @Nullable HealthEndpointGroup get(String name) {
            HealthEndpointGroup group = this.delegate.get(name);
            return (group != null && READINESS.equals(name)) ? new Group(group, this.contributor) : group;
        }

        @Override
        public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
            return (this.delegate instanceof AdditionalPathsMapper mapper)
                    ? mapper.getAdditionalPaths(endpointId, webServerNamespace)
                    : null;
        }
    }

    /** A group with one more member. */
    private record Group(HealthEndpointGroup delegate, String contributor) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return this.contributor.equals(name) || this.delegate.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return this.delegate.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return this.delegate.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return this.delegate.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return this.delegate.getHttpCodeStatusMapper();
        }

        @Override
        public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
            return this.delegate.getAdditionalPath();
        }
    }
}
