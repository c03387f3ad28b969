using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Idl.Tests;

public class RoundTripTests
{
    [Fact]
    public void TaskTemplate_survives_bytes_and_json()
    {
        AssertRoundTrips(SampleMessages.TaskTemplate(), TaskTemplate.Parser);
    }

    [Fact]
    public void LiteralMap_survives_bytes_and_json()
    {
        AssertRoundTrips(SampleMessages.LiteralMap(), LiteralMap.Parser);
    }

    [Fact]
    public void CreateRunRequest_survives_bytes_and_json()
    {
        var request = SampleMessages.CreateRunRequest();
        AssertRoundTrips(request, Flyteidl2.Workflow.CreateRunRequest.Parser);
        Assert.Equal(Flyteidl2.Workflow.CreateRunRequest.TaskOneofCase.TaskSpec, request.TaskCase);
        Assert.Equal(Flyteidl2.Workflow.CreateRunRequest.InputWrapperOneofCase.Inputs, request.InputWrapperCase);
    }

    [Fact]
    public void TaskInputs_is_wire_compatible_with_LiteralMap()
    {
        // docs/protocol.md, Files of an attempt: inputs.pb holds task.Inputs, which readers may parse as core.LiteralMap.
        var inputs = new Flyteidl2.Task.Inputs
        {
            Literals =
            {
                new Flyteidl2.Task.NamedLiteral { Name = "x", Value = SampleMessages.IntegerLiteral(3) },
                new Flyteidl2.Task.NamedLiteral { Name = "y", Value = SampleMessages.IntegerLiteral(4) },
            },
        };

        var asMap = LiteralMap.Parser.ParseFrom(inputs.ToByteArray());

        Assert.Equal(2, asMap.Literals.Count);
        Assert.Equal(3, asMap.Literals["x"].Scalar.Primitive.Integer);
        Assert.Equal(4, asMap.Literals["y"].Scalar.Primitive.Integer);
    }

    [Fact]
    public void Json_uses_the_schema_field_names()
    {
        string json = JsonFormatter.Default.Format(SampleMessages.TaskTemplate());

        Assert.Contains("\"container\":", json);
        Assert.Contains("\"resourceType\": \"TASK\"", json);
        Assert.Contains("\"flavor\": \"csharp\"", json);
    }

    private static void AssertRoundTrips<T>(T original, MessageParser<T> parser) where T : IMessage<T>, new()
    {
        byte[] bytes = original.ToByteArray();
        Assert.NotEmpty(bytes);
        T fromBytes = parser.ParseFrom(bytes);
        Assert.Equal(original, fromBytes);

        string json = JsonFormatter.Default.Format(original);
        T fromJson = new JsonParser(JsonParser.Settings.Default).Parse<T>(json);
        Assert.Equal(original, fromJson);
        Assert.Equal(bytes, fromJson.ToByteArray());
    }
}
