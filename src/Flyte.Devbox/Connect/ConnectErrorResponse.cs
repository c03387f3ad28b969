using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Answers a Connect call that fails before any message: a unary call with the code's HTTP status and the error as
/// JSON, a streaming call with HTTP 200 and an end-of-stream envelope that carries the error (the protocol's two
/// shapes). Also the 415 for a content type the method does not take.
/// </summary>
internal static class ConnectErrorResponse
{
    /// <summary>Answers in the shape the request's content type asks for (unary unless it is application/connect+…).</summary>
    public static Task WriteAsync(HttpContext http, Status status, Metadata? trailers = null) =>
        ConnectContentType.Parse(http.Request.ContentType) is { Streaming: true } streaming
            ? WriteStreamAsync(http, streaming, status, trailers ?? new Metadata())
            : WriteUnaryAsync(http, status, trailers ?? new Metadata());

    public static Task WriteUnaryAsync(HttpContext http, Status status, Metadata trailers)
    {
        byte[] body = ConnectErrorJson.Error(status);
        var response = http.Response;
        response.StatusCode = ConnectCodes.HttpStatus(status.StatusCode);
        response.ContentType = ConnectContentType.UnaryJson;
        response.ContentLength = body.Length;
        ConnectMetadata.AddTo(response.Headers, trailers, ConnectMetadata.UnaryTrailerPrefix);
        return response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    public static Task WriteStreamAsync(HttpContext http, ConnectContentType contentType, Status status, Metadata trailers)
    {
        byte[] frame = ConnectEnvelope.Frame(ConnectEnvelope.EndStreamFlag, ConnectErrorJson.EndStream(status, trailers));
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType.MediaType;
        response.ContentLength = frame.Length;
        return response.Body.WriteAsync(frame, http.RequestAborted).AsTask();
    }

    /// <summary>415 with the content types the method takes, as connect-go answers.</summary>
    public static void RefuseMediaType(HttpContext http, bool streaming)
    {
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        http.Response.Headers["Accept-Post"] = ConnectContentType.Accepted(streaming);
    }
}
