"""The baseline of the benchmarks: a bare Dash page (one input, one callback that echoes it)."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

app = dash.Dash(__name__)
app.layout = html.Div([dcc.Input(id="i", value="a"), html.Div(id="o")])


@app.callback(Output("o", "children"), Input("i", "value"))
def echo(value):
    return value


server = app.server
