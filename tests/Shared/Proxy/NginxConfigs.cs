using System.Globalization;

namespace Flyte.Tests.Shared;

/// <summary>The nginx configurations of <see cref="NginxProxy"/>: one process, everything it writes inside its own folder.</summary>
internal static class NginxConfigs
{
    // Long enough that no test's stream is ever ended by a proxy timeout: only StopAsync ends one.
    private const string LongTimeout = "1h";

    /// <summary>The whole file around the http block's servers.</summary>
    /// <param name="runsAsRoot">
    /// Then workers run as root too. As nobody (the default) they could not enter the test's temporary folder (0700, root's),
    /// where nginx puts a body it buffers to disk: unbuffered proxying works without it, a buffered body would fail.
    /// </param>
    public static string Render(string servers, string directory, bool runsAsRoot) => $$"""
        # Written by NginxProxy for one test: started with nginx -p "{{directory}}" -c nginx.conf -g 'daemon off;'.
        {{(runsAsRoot ? "user root;" : "")}}
        worker_processes 1;
        pid "{{directory}}/nginx.pid";
        error_log "{{directory}}/error.log" notice;

        events {
            worker_connections 1024;
        }

        http {
            access_log "{{directory}}/access.log";
            # Debian's build puts these under /var/lib/nginx, which is shared and root's.
            client_body_temp_path "{{directory}}/client_body";
            proxy_temp_path "{{directory}}/proxy";
            fastcgi_temp_path "{{directory}}/fastcgi";
            uwsgi_temp_path "{{directory}}/uwsgi";
            scgi_temp_path "{{directory}}/scgi";

            # Bodies of any size (code bundles through signed URLs) pass.
            client_max_body_size 0;
            client_body_timeout {{LongTimeout}};
            send_timeout {{LongTimeout}};

        {{servers}}
        }
        """;

    /// <summary>An HTTP/1.1-only front (no http2 on the listener) proxying to the upstream over HTTP/1.1.</summary>
    public static string Http1(int port, string upstream) => $$"""
            server {
                listen 127.0.0.1:{{Port(port)}};
                location / {
        {{ProxyPass(upstream)}}
                }
            }
        """;

    /// <summary>
    /// TLS and HTTP/2 in front: gRPC goes to the plaintext HTTP/2 upstream through grpc_pass, the rest (gRPC-Web, which
    /// HTTP/1.1 clients speak, and plain HTTP) through proxy_pass; both in the one location, chosen by the content type.
    /// </summary>
    public static string TlsGrpc(int port, string upstream, string certificatePath, string keyPath) => GrpcFront(upstream, $$"""
                listen 127.0.0.1:{{Port(port)}} ssl http2;
                ssl_certificate "{{certificatePath}}";
                ssl_certificate_key "{{keyPath}}";
                ssl_protocols TLSv1.2 TLSv1.3;
        """);

    /// <summary>Plaintext HTTP/2 with prior knowledge in front (what gRPC clients speak to an http:// address), routed as <see cref="TlsGrpc"/>.</summary>
    public static string H2cGrpc(int port, string upstream) => GrpcFront(upstream, $$"""
                listen 127.0.0.1:{{Port(port)}} http2;
        """);

    /// <summary>gRPC to the HTTP/2 upstream through grpc_pass, the rest through proxy_pass, chosen by the content type.</summary>
    private static string GrpcFront(string upstream, string listen) => $$"""
            map $http_content_type $flyte_is_grpc {
                default 0;
                # application/grpc and application/grpc+proto, not application/grpc-web.
                "~^application/grpc(\+[a-z]+)?(;.*)?$" 1;
            }

            server {
        {{listen}}
                location / {
                    grpc_read_timeout {{LongTimeout}};
                    grpc_send_timeout {{LongTimeout}};
                    if ($flyte_is_grpc) {
                        grpc_pass grpc://{{upstream}};
                    }
        {{ProxyPass(upstream)}}
                }
            }
        """;

    private static string ProxyPass(string upstream) => $$"""
                    proxy_pass http://{{upstream}};
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    # Streamed both ways: a server-streaming gRPC-Web response reaches the client as the upstream writes it.
                    proxy_buffering off;
                    proxy_request_buffering off;
                    proxy_read_timeout {{LongTimeout}};
                    proxy_send_timeout {{LongTimeout}};
        """;

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
