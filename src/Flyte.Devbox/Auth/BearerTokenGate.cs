using System.Text;
using Flyte.Devbox.Connect;
using Flyteidl2.Auth;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Auth;

/// <summary>
/// The devbox's door, where a real Flyte 2 deployment has its JWT-checking ingress: every gRPC, gRPC-Web and Connect
/// call but AuthMetadataService's needs a valid bearer token, and a refused one ends before any service code runs, so
/// it changes nothing. Over gRPC the refusal is a gRPC status in the response headers (a trailers-only response), which
/// gRPC and gRPC-Web clients alike read as UNAUTHENTICATED with the message; over Connect it is the Connect error
/// unauthenticated (HTTP 401 for a unary call, the end of the stream for a streaming one). Requests that are not calls
/// (the signed storage URLs) pass: their signature is their authorization.
/// </summary>
internal static class BearerTokenGate
{
    private const string UnauthenticatedStatus = "16";

    public static IApplicationBuilder UseBearerTokenGate(this IApplicationBuilder app, DevboxAuthOptions options) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint()?.Metadata;
            var connect = endpoint?.GetMetadata<ConnectEndpointMetadata>();
            string? service = endpoint?.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName ?? connect?.ServiceName;
            if (service is not null && service != AuthMetadataService.Descriptor.FullName)
            {
                var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    string message = result.None ? BearerTokenFailures.Missing(options) : BearerTokenFailures.Describe(result.Failure, options, PresentedToken(context.Request, options.AuthorizationMetadataKey));
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    if (connect is not null)
                    {
                        await ConnectErrorResponse.WriteAsync(context, new Grpc.Core.Status(Grpc.Core.StatusCode.Unauthenticated, message)).ConfigureAwait(false);
                    }
                    else
                    {
                        Refuse(context, message);
                    }
                    return;
                }
                context.User = result.Principal;
            }
            await next(context).ConfigureAwait(false);
        });

    /// <summary>The token of a <c>Bearer &lt;token&gt;</c> value in the metadata key; null without one.</summary>
    public static string? PresentedToken(HttpRequest request, string key)
    {
        const string Prefix = "Bearer ";
        string value = request.Headers[key].ToString();
        return value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? value[Prefix.Length..].Trim() : null;
    }

    private static void Refuse(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = UnauthenticatedStatus;
        context.Response.Headers["grpc-message"] = PercentEncoded(message);
    }

    /// <summary>grpc-message is percent-encoded UTF-8: bytes outside printable ASCII, and '%' itself, as %XX.</summary>
    private static string PercentEncoded(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
