using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flyte.Devbox.WebConsole;

/// <summary>
/// The web console (docs/console.md): a page bundled into this assembly at build time, served at <c>/</c> and at the
/// run addresses Flyte's own UI uses (<c>/v2/runs/project/P/domain/D[/RUN]</c>), with its script and style under
/// <c>/console/</c>. The page then calls the devbox's public API over gRPC-Web, like any other client.
/// </summary>
internal static class ConsolePages
{
    private const string ResourcePrefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(LoadFiles);

    public static IEndpointConventionBuilder MapDevboxConsole(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("");
        group.MapGet("/", context => WriteAsync(context, "index.html"));
        group.MapGet("/v2/{**path}", context => WriteAsync(context, "index.html"));
        group.MapGet("/console/{file}", context => WriteAsync(context, (string)context.Request.RouteValues["file"]!));
        return group;
    }

    private static Task WriteAsync(HttpContext context, string file)
    {
        if (!Files.Value.TryGetValue(file, out var bytes))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync($"The console has no file {Services.Shown.Value(file)}.\n", context.RequestAborted);
        }
        context.Response.ContentType = ContentTypes[file];
        // The page and its script change with every devbox build: always ask again (they are small and served locally).
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(ConsolePages).Assembly;
        var files = new Dictionary<string, byte[]>();
        foreach (string name in ContentTypes.Keys)
        {
            using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"the devbox assembly lacks its console file {name}: build Flyte.Devbox again (its build bundles console/)");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = copy.ToArray();
        }
        return files.ToFrozenDictionary();
    }
}
