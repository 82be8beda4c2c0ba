# bench-dicom: open + decode + display a generated 2800x2300 12-bit CR against DCMTK's dcm2pnm,
# and peak memory per open image. Figures in docs/BENCHMARKS.md ("DICOM loading and display").
if(TARGET radsynth_dicom)
  radsynth_add_benchmark(bench-dicom SOURCES dicom/BenchDicom.cpp
    LIBS radsynth_dicom radsynth_imaging Qt6::Core DCMTK::dcmdata DCMTK::dcmjpeg)
endif()
