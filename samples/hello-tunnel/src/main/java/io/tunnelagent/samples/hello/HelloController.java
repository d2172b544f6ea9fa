package io.tunnelagent.samples.hello;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Answers a greeting that shows the request came through the tunnel (the edge adds Cf-Ray). */
@RestController
class HelloController {

    @GetMapping("/")
    String hello(@RequestHeader(name = "Cf-Ray", required = false) @Nullable String ray) {
        return (ray != null) ? "Hello through the tunnel! (Cf-Ray " + ray + ")\n" : "Hello, directly.\n";
    }
}
