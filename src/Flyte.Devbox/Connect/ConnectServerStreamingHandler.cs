using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Serves one server-streaming method over Connect: one enveloped request message in (<c>application/connect+proto</c>
/// or <c>+json</c>), HTTP 200 and an envelope per response message out, closed by the end-of-stream envelope that
/// carries the error, if any. The service method is the one gRPC calls, inside the same interceptors.
/// </summary>
internal sealed class ConnectServerStreamingHandler<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly ServerStreamingServerMethod<TRequest, TResponse> _invoke;
    private readonly MessageDescriptor _requestType;
    private readonly ConnectCallSettings _settings;

    public ConnectServerStreamingHandler(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler,
        MessageDescriptor requestType, ConnectCallSettings settings)
    {
        _method = method;
        _invoke = settings.Interceptors.Wrap(handler);
        _requestType = requestType;
        _settings = settings;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (ConnectContentType.Parse(http.Request.ContentType) is not { Streaming: true } contentType)
        {
            ConnectErrorResponse.RefuseMediaType(http, streaming: true);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType.MediaType;
        http.Response.Headers[ConnectCallHeaders.StreamingAcceptEncoding] = ConnectCompression.Gzip;
        ConnectCallLifetime? lifetime = null;
        ConnectServerCallContext? context = null;
        Task? call = null;
        ConnectResponseStream<TResponse>? stream = null;
        try
        {
            var headers = ConnectCallHeaders.Read(http.Request, streaming: true);
            lifetime = new ConnectCallLifetime(headers.Timeout, http.RequestAborted);
            byte[] body = await ConnectRequestBody.ReadSingleEnvelopeAsync(http.Request, headers.Gzip, _settings.MaxReceiveMessageSize, lifetime.Token)
                .ConfigureAwait(false);
            var request = _settings.Messages.Parse(contentType.Codec, body, _method.RequestMarshaller, _requestType);
            context = new ConnectServerCallContext(http, _method.FullName, lifetime);
            stream = new ConnectResponseStream<TResponse>(
                http, message => _settings.Messages.Serialize(contentType.Codec, message, _method.ResponseMarshaller), lifetime.Token);
            call = _invoke(request, stream, context);
            if (await lifetime.DeadlinePassesFirstAsync(call).ConfigureAwait(false))
            {
                await stream.EndAsync(lifetime.DeadlineExceeded, context.ResponseTrailers).ConfigureAwait(false);
                await http.Response.CompleteAsync().ConfigureAwait(false);
                return;
            }
            await call.ConfigureAwait(false);
            if (lifetime.DeadlinePassed)
            {
                throw new OperationCanceledException(lifetime.Token);
            }
            await stream.EndAsync(context.Status.StatusCode == StatusCode.OK ? null : context.Status, context.ResponseTrailers).ConfigureAwait(false);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
        }
        catch (Exception e)
        {
            var failure = ConnectFailure.Of(e, lifetime, context, _settings.Logger, _method.FullName);
            if (stream is null)
            {
                await ConnectErrorResponse.WriteStreamAsync(http, contentType, failure.Status, failure.Trailers).ConfigureAwait(false);
            }
            else
            {
                await stream.EndAsync(failure.Status, failure.Trailers).ConfigureAwait(false);
            }
        }
        finally
        {
            // The service method never outlives the request (its HttpContext), even when its answer has gone.
            if (call is not null)
            {
                await ConnectCallLifetime.AbandonedAsync(call).ConfigureAwait(false);
            }
            stream?.Dispose();
            lifetime?.Dispose();
        }
    }
}
