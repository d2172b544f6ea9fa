package io.tunnelagent.core.ingress.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpRuleTests {

    @Test
    void cidrShouldBePrintedLikeGo() {
        assertThat(IpRule.parse("10.1.2.3/8", List.of(), true).cidr()).isEqualTo("10.0.0.0/8");
        assertThat(IpRule.parse("2001:DB8:0:0:1::1/32", List.of(), true).cidr()).isEqualTo("2001:db8::/32");
        assertThat(IpRule.parse("::1/128", List.of(), true).cidr()).isEqualTo("::1/128");
        assertThat(IpRule.parse("1:0:0:2:0:0:3:4/128", List.of(), true).cidr()).isEqualTo("1::2:0:0:3:4/128");
    }

    @Test
    void parseShouldRejectWhatGoRejects() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpRule.parse("010.0.0.0/8", List.of(), true))
                .withMessage("unable to parse cidr: 010.0.0.0/8");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpRule.parse("10.0.0.0/33", List.of(), true))
                .withMessage("unable to parse cidr: 10.0.0.0/33");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpRule.parse("example.com/8", List.of(), true))
                .withMessage("unable to parse cidr: example.com/8");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpRule.parse("", List.of(), true))
                .withMessage("no prefix provided");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpRule.parse("10.0.0.0/8", List.of(0), true))
                .withMessage("invalid port 0, needs to be between 1 and 65535");
    }

    @Test
    void matchesShouldCheckNetworkAndPorts() throws Exception {
        IpRule rule = IpRule.parse("10.0.0.0/8", List.of(443), true);
        assertThat(rule.matches(InetAddress.getByName("10.9.8.7"), 443)).isTrue();
        assertThat(rule.matches(InetAddress.getByName("10.9.8.7"), 80)).isFalse();
        assertThat(rule.matches(InetAddress.getByName("11.0.0.1"), 443)).isFalse();
    }
}
