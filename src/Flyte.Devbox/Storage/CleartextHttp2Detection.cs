using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Lets one cleartext Kestrel endpoint serve both HTTP/1.1 (signed URLs, for curl and any uploader) and HTTP/2 with prior
/// knowledge (gRPC clients dialing <c>http://</c>). Kestrel picks the protocol of an <see cref="HttpProtocols.Http1AndHttp2"/>
/// endpoint from TLS ALPN, so without TLS it always speaks HTTP/1.1 and answers an HTTP/2 client with HTTP_1_1_REQUIRED
/// (dotnet/aspnetcore#56984). This connection middleware reads, without consuming, the first bytes of each connection;
/// when they are the HTTP/2 client preface it records "h2" as the negotiated protocol, as a TLS handshake would have.
/// </summary>
/// <remarks>
/// A connection marked so counts as TLS for Kestrel, which would then insist on <c>:scheme https</c>; the extension
/// therefore sets <see cref="KestrelServerOptions.AllowAlternateSchemes"/>, and requests keep the scheme the client sent.
/// </remarks>
public static class CleartextHttp2Detection
{
    // RFC 9113, section 3.4: every HTTP/2 connection starts with these 24 bytes; no HTTP/1.x request does.
    private static readonly byte[] ClientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    // As long as Kestrel waits for a first request on an idle connection.
    private static readonly TimeSpan PrefaceTimeout = TimeSpan.FromSeconds(130);

    /// <summary>Serves HTTP/1.1 and cleartext HTTP/2 (prior knowledge) on this endpoint.</summary>
    public static ListenOptions UseCleartextHttp2Detection(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        // Kestrel's default; set only when it differs, because setting it logs a warning that HTTP/2 is off without TLS.
        if (listen.Protocols != HttpProtocols.Http1AndHttp2)
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
        }
        listen.KestrelServerOptions.AllowAlternateSchemes = true;
        listen.Use(next => async connection =>
        {
            if (connection.Features.Get<ITlsConnectionFeature>() is not null)
            {
                // TLS came first (UseHttps before this): ALPN already chose the protocol.
                await next(connection).ConfigureAwait(false);
                return;
            }
            bool isHttp2;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
            {
                timeout.CancelAfter(PrefaceTimeout);
                try
                {
                    isHttp2 = await StartsWithPrefaceAsync(connection.Transport.Input, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    connection.Abort();
                    return;
                }
            }
            if (isHttp2)
            {
                connection.Features.Set<ITlsConnectionFeature>(NegotiatedHttp2.Instance);
                connection.Features.Set<ITlsApplicationProtocolFeature>(NegotiatedHttp2.Instance);
            }
            await next(connection).ConfigureAwait(false);
        });
        return listen;
    }

    /// <summary>Whether the connection starts with the HTTP/2 preface; reads as much as that takes and leaves every byte unconsumed.</summary>
    internal static async Task<bool> StartsWithPrefaceAsync(PipeReader input, CancellationToken cancellationToken)
    {
        // A pipe forbids moving "examined" backwards, so a decision marks as examined exactly what earlier reads examined:
        // less would throw, and more (the whole buffer) would make the next reader wait for bytes already received.
        long examined = 0;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool? isPreface = Classify(buffer);
            if (isPreface is null && (result.IsCompleted || result.IsCanceled))
            {
                isPreface = false;
            }
            if (isPreface is { } decided)
            {
                input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
                return decided;
            }
            examined = buffer.Length;
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>True for the whole preface, false once the bytes differ from it, null while they are a proper prefix of it.</summary>
    private static bool? Classify(ReadOnlySequence<byte> buffer)
    {
        int length = (int)Math.Min(buffer.Length, ClientPreface.Length);
        Span<byte> start = stackalloc byte[ClientPreface.Length];
        buffer.Slice(0, length).CopyTo(start);
        if (!start[..length].SequenceEqual(ClientPreface.AsSpan(0, length)))
        {
            return false;
        }
        return length == ClientPreface.Length ? true : null;
    }

    /// <summary>What a TLS handshake that agreed on HTTP/2 would leave on the connection, minus the certificates.</summary>
    private sealed class NegotiatedHttp2 : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public static readonly NegotiatedHttp2 Instance = new();

        private static readonly byte[] Http2Id = "h2"u8.ToArray();

        public ReadOnlyMemory<byte> ApplicationProtocol => Http2Id;

        public X509Certificate2? ClientCertificate
        {
            get => null;
            set => throw new NotSupportedException("A cleartext HTTP/2 connection has no client certificate.");
        }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }
}
