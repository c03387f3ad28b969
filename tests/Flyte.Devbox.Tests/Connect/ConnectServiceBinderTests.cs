using System.Text;
using Flyte.Devbox.Connect;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>Client-streaming and bidirectional methods, which none of the devbox's services has, are not served over Connect.</summary>
public sealed class ConnectServiceBinderTests
{
    [Theory]
    [InlineData(MethodType.ClientStreaming, "client-streaming")]
    [InlineData(MethodType.DuplexStreaming, "bidirectional streaming")]
    public async Task A_method_streaming_requests_answers_unimplemented_pointing_to_grpc(MethodType type, string kind)
    {
        var settings = new ConnectCallSettings(new ConnectMessages(TypeRegistry.Empty), new ConnectInterceptors([]), 1024, NullLogger.Instance);
        var binder = new ConnectServiceBinder(Flyteidl2.Task.TaskService.Descriptor, settings);
        var method = new Method<string, string>(type, "test.Service", "Upload", Marshallers.StringMarshaller, Marshallers.StringMarshaller);
        if (type == MethodType.ClientStreaming)
        {
            binder.AddMethod(method, (ClientStreamingServerMethod<string, string>)((_, _) => Task.FromResult("")));
        }
        else
        {
            binder.AddMethod(method, (DuplexStreamingServerMethod<string, string>)((_, _, _) => Task.CompletedTask));
        }
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/connect+json";
        http.Response.Body = new MemoryStream();

        await Assert.Single(binder.Methods).Handle(http);

        Assert.Equal(200, http.Response.StatusCode);
        string end = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()[5..]);
        Assert.Equal($$$"""{"error":{"code":"unimplemented","message":"/test.Service/Upload is a {{{kind}}} method, which the devbox serves over gRPC and not over Connect"}}""", end);
    }
}
