/**
 * The Chinese strings of the base plan's scale and the measure tools. Part of the table assembled
 * in ./index.ts.
 */
export const measureStrings = {
  measure: {
    toolMeasure: '量距离和面积',
    toolScale: '设置比例尺',
    title: '测量',
    exitTool: '不量了',
    hintStart: '按住拖动，量一段距离。或者一下一下点出一块地的各个角，量面积。',
    hintPolygon: '接着点下一个角。点回第一个点、双击，或按“算面积”就能算出面积。',
    hintTouch: '两根手指可以移动和缩放画面。',
    length: '长度：{length}',
    area: '面积：{area}',
    perimeter: '周长：{length}',
    selected: '选中的东西：宽 {w}，高 {h}',
    finish: '算面积',
    clear: '重新量',
    noScale: '还没有设置比例尺，所以还量不出米数。请等组织者设置好。',
    noScaleOrganizer:
      '还没有设置比例尺，所以还量不出米数。请点工具栏里的“设置比例尺”，在底图上沿一段知道长度的东西（例如一面墙）画一条线，再填上它有多少米。',
    unitMetres: '{n} 米',
    unitCentimetres: '{n} 厘米',
    unitSquareMetres: '{n} 平方米',
    scaleHint: '按住拖动，沿着底图上一段知道长度的东西（例如一面墙、一条路边）画一条线。',
    scaleTitle: '设置比例尺',
    scaleBody: '您刚画的这条线，实际有多长？',
    scaleLabel: '实际长度（米）',
    scalePlaceholder: '例如：12.5',
    scaleUnit: '米',
    scaleSubmit: '确定',
    scaleSaving: '正在保存…',
    scaleCancel: '取消',
    scaleErrorEmpty: '请填写这条线实际有多少米。',
    scaleErrorNumber: '请只填一个数字，例如 12.5。',
    scaleErrorPositive: '长度要大于 0。',
    scaleErrorTooLarge: '这个数太大了，请检查一下（最多 {max} 米）。',
    scaleErrorLine: '这条线太短了，请关掉这个窗口，画长一点再试。',
    scaleFailed: '比例尺没有保存好：{reason}',
    scaleSaved: '比例尺设好了。现在大家都能量出米数。',
    basePlanName: '底图',
  },
} as const
