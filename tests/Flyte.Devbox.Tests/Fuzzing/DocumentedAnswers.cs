using System.Net;
using Flyte.Devbox.Services;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Fuzzing;

/// <summary>The answers docs/devbox-input.md documents for bad requests; anything else the fuzzer found is a bug.</summary>
internal static class DocumentedAnswers
{
    private static readonly HashSet<StatusCode> Codes =
    [
        StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.FailedPrecondition, StatusCode.Unimplemented,
        // The fuzzer's own short deadline on streaming calls.
        StatusCode.DeadlineExceeded, StatusCode.Cancelled,
    ];

    private static readonly HashSet<HttpStatusCode> HttpCodes =
    [
        HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Conflict,
        // Kestrel's own limits, answered before any devbox code runs: a request line over 8 KB.
        HttpStatusCode.RequestUriTooLong,
    ];

    public static void Check(RpcException error, Probe probe)
    {
        // INTERNAL is documented only for the backend's answer to a second Enqueue of an existing task action.
        bool existingAction = error.StatusCode == StatusCode.Internal && error.Status.Detail.Contains("already exists", StringComparison.Ordinal);
        Assert.True(Codes.Contains(error.StatusCode) || existingAction, $"{probe}: undocumented {error.StatusCode}: {error.Status.Detail}");
        Assert.True(error.Status.Detail.Length <= ErrorBoundary.MaximumDetailLength + 32,
            $"{probe}: {error.StatusCode} with {error.Status.Detail.Length} characters of detail");
    }

    public static void Check(HttpResponseMessage response, string body, Probe probe)
    {
        Assert.True(HttpCodes.Contains(response.StatusCode), $"{probe}: undocumented HTTP {(int)response.StatusCode}: {body}");
        // Kestrel itself refuses a request line over its limit, or a target holding an encoded NUL, with no body.
        bool refusedByKestrel = response.StatusCode == HttpStatusCode.RequestUriTooLong
            || (response.StatusCode == HttpStatusCode.BadRequest && response.RequestMessage?.RequestUri?.AbsolutePath.Contains("%00", StringComparison.Ordinal) == true);
        if (response.StatusCode != HttpStatusCode.OK && !refusedByKestrel)
        {
            Assert.False(string.IsNullOrWhiteSpace(body), $"{probe}: HTTP {(int)response.StatusCode} with no message");
        }
    }
}
