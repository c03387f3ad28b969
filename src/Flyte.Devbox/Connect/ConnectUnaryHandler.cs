using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Serves one unary method over Connect: <c>application/proto</c> or <c>application/json</c> in, the same out with HTTP
/// 200, or an error with the code's HTTP status and JSON body. The service method is the one gRPC calls, inside the
/// same interceptors.
/// </summary>
internal sealed class ConnectUnaryHandler<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly UnaryServerMethod<TRequest, TResponse> _invoke;
    private readonly MessageDescriptor _requestType;
    private readonly ConnectCallSettings _settings;

    public ConnectUnaryHandler(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler, MessageDescriptor requestType,
        ConnectCallSettings settings)
    {
        _method = method;
        _invoke = settings.Interceptors.Wrap(handler);
        _requestType = requestType;
        _settings = settings;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (ConnectContentType.Parse(http.Request.ContentType) is not { Streaming: false } contentType)
        {
            ConnectErrorResponse.RefuseMediaType(http, streaming: false);
            return;
        }
        http.Response.Headers.AcceptEncoding = ConnectCompression.Gzip;
        ConnectCallLifetime? lifetime = null;
        ConnectServerCallContext? context = null;
        Task? call = null;
        try
        {
            var headers = ConnectCallHeaders.Read(http.Request, streaming: false);
            lifetime = new ConnectCallLifetime(headers.Timeout, http.RequestAborted);
            byte[] body = await ConnectRequestBody.ReadUnaryAsync(http.Request, headers.Gzip, _settings.MaxReceiveMessageSize, lifetime.Token).ConfigureAwait(false);
            var request = _settings.Messages.Parse(contentType.Codec, body, _method.RequestMarshaller, _requestType);
            context = new ConnectServerCallContext(http, _method.FullName, lifetime);
            var running = _invoke(request, context);
            call = running;
            if (await lifetime.DeadlinePassesFirstAsync(running).ConfigureAwait(false))
            {
                await ConnectErrorResponse.WriteUnaryAsync(http, lifetime.DeadlineExceeded, []).ConfigureAwait(false);
                await http.Response.CompleteAsync().ConfigureAwait(false);
                return;
            }
            var response = await running.ConfigureAwait(false);
            if (lifetime.DeadlinePassed)
            {
                throw new OperationCanceledException(lifetime.Token);
            }
            if (context.Status.StatusCode != StatusCode.OK)
            {
                throw new RpcException(context.Status, context.ResponseTrailers);
            }
            byte[] message = _settings.Messages.Serialize(contentType.Codec, response, _method.ResponseMarshaller);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = contentType.MediaType;
            http.Response.ContentLength = message.Length;
            ConnectMetadata.AddTo(http.Response.Headers, context.ResponseTrailers, ConnectMetadata.UnaryTrailerPrefix);
            await http.Response.Body.WriteAsync(message, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            var failure = ConnectFailure.Of(e, lifetime, context, _settings.Logger, _method.FullName);
            await ConnectErrorResponse.WriteUnaryAsync(http, failure.Status, failure.Trailers).ConfigureAwait(false);
        }
        finally
        {
            // The service method never outlives the request (its HttpContext), even when its answer has gone.
            if (call is not null)
            {
                await ConnectCallLifetime.AbandonedAsync(call).ConfigureAwait(false);
            }
            lifetime?.Dispose();
        }
    }
}
