import { SseEventParser } from './sse-event.parser';

describe(SseEventParser.name, () => {
  it('assembles events split across chunks and skips comments', () => {
    const parser = new SseEventParser();
    expect(parser.push(': keep-alive\n\nevent: al')).toEqual([]);
    expect(parser.push('ert\nid: a1\ndata: {"x":')).toEqual([]);
    expect(parser.push('1}\n\ndata: plain\r\n\r\n')).toEqual([
      { event: 'alert', id: 'a1', data: '{"x":1}' },
      { event: 'message', id: 'a1', data: 'plain' },
    ]);
  });
});
