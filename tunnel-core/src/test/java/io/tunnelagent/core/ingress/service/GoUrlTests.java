package io.tunnelagent.core.ingress.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class GoUrlTests {

    @Test
    void parseShouldSplitSchemeHostPathAndQuery() {
        GoUrl url = GoUrl.parse("HTTPS://user@x.example.com:8443/a%20b?q=1#frag");
        assertThat(url.scheme()).isEqualTo("https");
        assertThat(url.host()).isEqualTo("x.example.com:8443");
        assertThat(url.hostname()).isEqualTo("x.example.com");
        assertThat(url.port()).isEqualTo("8443");
        assertThat(url.path()).isEqualTo("/a b");
        assertThat(url.rawQuery()).isEqualTo("q=1");
        assertThat(url.fragment()).isEqualTo("frag");
    }

    @Test
    void parseWhenNoSlashesAfterSchemeShouldBeOpaque() {
        GoUrl url = GoUrl.parse("localhost:8080");
        assertThat(url.scheme()).isEqualTo("localhost");
        assertThat(url.opaque()).isEqualTo("8080");
        assertThat(url.hostname()).isEmpty();
    }

    @Test
    void parseWhenNoSchemeShouldKeepEverythingInPath() {
        GoUrl url = GoUrl.parse("x.example.com/y");
        assertThat(url.scheme()).isEmpty();
        assertThat(url.hostname()).isEmpty();
        assertThat(url.path()).isEqualTo("x.example.com/y");
    }

    @Test
    void parseShouldReportGoErrors() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse(":foo"))
                .withMessage("parse \":foo\": missing protocol scheme");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse("1a:b"))
                .withMessage("parse \"1a:b\": first path segment in URL cannot contain colon");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse("http://h/%zz"))
                .withMessage("parse \"http://h/%zz\": invalid URL escape \"%zz\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse("http://a b"))
                .withMessage("parse \"http://a b\": invalid character \" \" in host name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse("http://h/\n"))
                .withMessage("parse \"http://h/\\x0a\": net/url: invalid control character in URL");
    }

    @Test
    void parseErrorsShouldQuoteTheUrlWithoutFragmentUnlessTheFragmentIsBad() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse("http://a b#x"))
                .withMessage("parse \"http://a b\": invalid character \" \" in host name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoUrl.parse("http://h#%zz"))
                .withMessage("parse \"http://h#%zz\": invalid URL escape \"%zz\"");
    }

    @Test
    void hostnameShouldStripBracketsOfIpv6() {
        assertThat(GoUrl.parse("http://[::1]:80").hostname()).isEqualTo("::1");
        assertThat(GoUrl.parse("http://[::1]").port()).isEmpty();
    }
}
