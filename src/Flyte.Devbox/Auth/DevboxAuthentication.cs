using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

namespace Flyte.Devbox.Auth;

/// <summary>
/// ASP.NET Core's JwtBearer handler set to the devbox's issuer: the signature by a key of the issuer's JWKS (read, and
/// re-read when a token names a new key, from its discovery document), the issuer, the audience and the expiry with a
/// small clock skew.
/// </summary>
internal static class DevboxAuthentication
{
    public static IServiceCollection AddDevboxAuthentication(this IServiceCollection services, DevboxAuthOptions options)
    {
        var issuer = IssuerMetadata.Check(options.Issuer);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.Authority = options.Issuer;
            // JwtBearer makes the audience the one valid audience of every token.
            jwt.Audience = options.Audience;
            jwt.RequireHttpsMetadata = !issuer.IsLoopback;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ClockSkew = options.ClockSkew;
            jwt.TokenValidationParameters.RequireExpirationTime = true;
            if (!string.Equals(options.AuthorizationMetadataKey, DevboxAuthOptions.DefaultAuthorizationMetadataKey, StringComparison.OrdinalIgnoreCase))
            {
                jwt.Events = new JwtBearerEvents { OnMessageReceived = context => ReadToken(context, options.AuthorizationMetadataKey) };
            }
        });
        return services;
    }

    /// <summary>The token from the configured metadata key instead of Authorization, in the same <c>Bearer &lt;token&gt;</c> form.</summary>
    private static Task ReadToken(MessageReceivedContext context, string key)
    {
        context.Token = BearerTokenGate.PresentedToken(context.Request, key);
        return Task.CompletedTask;
    }
}
